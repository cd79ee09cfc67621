package dyn.cli.lsp;

import dyn.compiler.check.Value;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.Observable;
import dyn.compiler.resolve.Program;
import dyn.compiler.source.Source;
import dyn.compiler.syntax.Tokens;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the server knows about one version of an open document. The diagnostics are exactly
 * {@code dyn check}'s; the program is the resolver's view of the statements that parsed, so
 * completion, hover and go-to-definition keep working while the file has a syntax error.
 *
 * @param uri the document as the client names it
 * @param source the text, under the path diagnostics use
 * @param positions offsets to LSP positions for this text
 * @param tokens the lexer's tokens (the lexer never fails)
 * @param program names in scope: the script's and its imports'; empty when the text was not analysed
 * @param params each param's value where it could be computed
 * @param diagnostics what {@code dyn check} reports for this text
 * @param skipped why the text was not analysed (too large), if it was not
 * @param recordable what each train can record, when the text compiled to a plan, or else when
 *     the last text that did (else empty: completion then offers every observable)
 */
record Analysis(
    String uri,
    Source source,
    Positions positions,
    List<Tokens.Tok> tokens,
    Optional<Program> program,
    Map<String, Value> params,
    List<Diagnostic> diagnostics,
    Optional<String> skipped,
    Map<String, List<Observable>> recordable) {
  Analysis {
    tokens = List.copyOf(tokens);
    diagnostics = List.copyOf(diagnostics);
  }

  String text() {
    return source.text();
  }

  /** This analysis with what each train records taken from an earlier text that compiled. */
  Analysis withRecordable(Map<String, List<Observable>> lastGood) {
    return new Analysis(uri, source, positions, tokens, program, params, diagnostics, skipped, lastGood);
  }
}
