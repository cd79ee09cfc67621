/**
 * Stage 2, name resolution. Input: a parsed {@link dyn.compiler.syntax.Script}; output: a {@link
 * dyn.compiler.resolve.Program} (new data, the AST is not touched) with every top-level name of
 * the script and of its {@code import}ed stdlib modules declared before any use. Reports unknown
 * modules and names with did-you-mean, duplicate declarations with the first one as a related
 * location, definitions of the wrong kind, and bad command-line overrides.
 */
package dyn.compiler.resolve;
