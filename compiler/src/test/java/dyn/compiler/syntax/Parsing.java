package dyn.compiler.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.source.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Helpers shared by the syntax tests. */
final class Parsing {
  private Parsing() {}

  /** Parses and fails the test, showing the rendered errors, when there are any. */
  static Script parseClean(String text) {
    Parse.Result r = Parse.parse(new Source("test.dyn", text));
    if (!r.diagnostics().isEmpty()) fail("unexpected syntax errors:\n" + render(r.diagnostics()));
    return r.script();
  }

  static Script parseLines(String... lines) {
    return parseClean(String.join("\n", lines) + "\n");
  }

  static Stmt only(String... lines) {
    Script s = parseLines(lines);
    assertEquals(1, s.statements().size(), "statements");
    return s.statements().get(0);
  }

  static Expr expr(String text) {
    return ((Stmt.Check) only("check " + text)).condition();
  }

  static List<Diagnostic> errors(String text) {
    return Parse.parse(new Source("test.dyn", text)).diagnostics();
  }

  static String render(List<Diagnostic> ds) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : ds) {
      sb.append(d.where().line()).append(':').append(d.where().column()).append(": ")
          .append(d.message());
      d.hint().ifPresent(h -> sb.append(" [help: ").append(h).append(']'));
      sb.append('\n');
    }
    return sb.toString();
  }

  static String resource(String name) {
    try (InputStream in = Parsing.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("no resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
