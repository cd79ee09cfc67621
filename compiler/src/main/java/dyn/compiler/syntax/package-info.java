/**
 * Stage 1, syntax: source text to the {@link dyn.compiler.syntax.Script} AST via {@link
 * dyn.compiler.syntax.Parse}. The ANTLR grammar (module {@code grammar}) is an implementation
 * detail: parse trees never leave this package, {@code AstBuilder} turns them into records with
 * precise spans, and {@link dyn.compiler.syntax.AstPrinter} prints canonical source back. Reports
 * syntax errors only (code {@code syntax}), in dyn wording, at most one per line and ten per file.
 */
package dyn.compiler.syntax;
