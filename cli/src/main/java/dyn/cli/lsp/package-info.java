/**
 * {@code dyn lsp}: a Language Server Protocol server (Eclipse LSP4J) for editors. Input: JSON-RPC
 * messages on stdin; output: responses and {@code publishDiagnostics} on stdout. It reuses the
 * compiler and never parses on its own: diagnostics are {@code dyn check}'s, names come from the
 * resolver run on the parser's partial tree, and cursor context from the lexer's tokens, so a
 * syntax error on one line leaves completion, hover and go-to-definition working elsewhere.
 * Malformed messages are answered with JSON-RPC errors; the server never stops on one.
 */
package dyn.cli.lsp;
