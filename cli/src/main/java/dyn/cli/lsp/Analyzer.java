package dyn.cli.lsp;

import dyn.compiler.Compilation;
import dyn.compiler.Compiler;
import dyn.compiler.check.ParamValues;
import dyn.compiler.check.Value;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Origin;
import dyn.compiler.plan.Recordable;
import dyn.compiler.resolve.Program;
import dyn.compiler.resolve.Resolver;
import dyn.compiler.resolve.Unit;
import dyn.compiler.source.Source;
import dyn.compiler.syntax.Parse;
import dyn.compiler.syntax.Tokens;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Analyses one document text with the compiler itself: {@link Compiler#compile} for the
 * diagnostics (so the editor shows what {@code dyn check} prints), and the parser's partial tree
 * run through the resolver for the names (so a syntax error on one line leaves the rest usable).
 */
final class Analyzer {
  private final Path stdlib;
  private final int maxChars;

  /**
   * @param stdlib the folder of {@code import NAME} modules
   * @param maxChars documents longer than this are not analysed (a dyn study is a few kilobytes;
   *     a multi-megabyte buffer is a mistake, and compiling it on every keystroke would stall)
   */
  Analyzer(Path stdlib, int maxChars) {
    this.stdlib = stdlib;
    this.maxChars = maxChars;
  }

  Analysis analyze(String uri, String text) {
    Source source = new Source(pathOf(uri), text);
    Positions positions = new Positions(text);
    if (text.length() > maxChars) {
      String why = "this document has " + text.length() + " characters; dyn analyses documents of up to "
          + maxChars + " characters";
      return new Analysis(uri, source, positions, List.of(), Optional.empty(), Map.of(),
          List.of(notice(Diagnostic.Severity.WARNING, "too-large", source, why)), Optional.of(why),
          Map.of());
    }
    List<Diagnostic> diagnostics;
    Map<String, List<Observable>> recordable = Map.of();
    try {
      Compilation compiled = Compiler.compile(source, new Compiler.Options(Map.of(), stdlib));
      diagnostics = compiled.diagnostics();
      recordable = compiled.plan().map(Recordable::byName).orElse(Map.of());
    } catch (StackOverflowError e) {
      diagnostics = List.of(notice(Diagnostic.Severity.ERROR, "too-deep", source,
          "the script nests brackets or operators too deeply for the compiler"));
    } catch (RuntimeException e) {
      // A compiler bug must cost one diagnostic, not the editor's language server.
      diagnostics = List.of(notice(Diagnostic.Severity.ERROR, "internal", source, "internal error in the compiler: " + e));
    }
    List<Tokens.Tok> tokens = Tokens.of(source);
    Optional<Program> program = Optional.empty();
    Map<String, Value> params = Map.of();
    try {
      Unit unit = new Unit(source, Parse.parse(source).script(), new Diagnostics(source));
      // Scratch diagnostics: these passes ran on a partial tree, and the editor shows check's.
      Program p = Resolver.resolve(unit, stdlib, Map.of());
      program = Optional.of(p);
      params = ParamValues.evaluate(p, new Diagnostics(source));
    } catch (RuntimeException | StackOverflowError e) {
      // Leave the names empty: diagnostics above still say what is wrong.
    }
    return new Analysis(uri, source, positions, tokens, program, params, diagnostics, Optional.empty(),
        recordable);
  }

  private static Diagnostic notice(Diagnostic.Severity severity, String code, Source source, String message) {
    int eol = source.text().indexOf('\n');
    String first = eol < 0 ? source.text() : source.text().substring(0, eol);
    if (first.length() > 200) first = first.substring(0, 200);
    return new Diagnostic(severity, code, new Origin(source.path(), 1, 1, 1, first),
        message, List.of(), Optional.empty());
  }

  /** The file path of a {@code file:} URI (what {@code dyn check} would be given), else the URI itself. */
  static String pathOf(String uri) {
    try {
      URI u = URI.create(uri);
      if ("file".equals(u.getScheme())) return Path.of(u).toString();
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      // Not a file URI we can map: diagnostics then show the URI.
    }
    return uri;
  }
}
