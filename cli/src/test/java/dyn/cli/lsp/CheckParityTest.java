package dyn.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compiler;
import dyn.compiler.source.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The editor shows what {@code dyn check} prints: for every {@code examples/errors/*.dyn}, the
 * LSP diagnostics' ranges, messages, hints and related notes are read back from the committed
 * {@code .err} golden (line:col, the caret run's length, {@code = help:}, {@code note:} lines, a note
 * into the stdlib, {@code $STDLIB/…}, included).
 */
class CheckParityTest {
  private static final Pattern HEAD = Pattern.compile("^\\$(?:EXAMPLES/errors|STDLIB)/[^:]+:(\\d+):(\\d+): (error|warning|note): (.*)$");

  /** One rendered diagnostic of a golden: where, the caret length, the message, the help, the notes. */
  private record Rendered(int line, int col, int carets, String message, String help, List<int[]> notes) {}

  @TestFactory
  Stream<DynamicTest> everyErrorExampleShowsItsGoldenDiagnostics() throws IOException {
    Path dir = LspSessionTest.ROOT.resolve("examples/errors");
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path dyn : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".dyn")).sorted()::iterator) {
        tests.add(DynamicTest.dynamicTest(dyn.getFileName().toString(), () -> compare(dyn)));
      }
    }
    assertTrue(tests.size() >= 5, "examples/errors holds the negative examples");
    return tests.stream();
  }

  private static void compare(Path dyn) throws IOException {
    String text = Files.readString(dyn);
    Analysis a = new Analyzer(LspSessionTest.STDLIB, LspServer.MAX_DOCUMENT_CHARS).analyze(dyn.toUri().toString(), text);
    List<Diagnostic> shown = LspDiagnostics.of(a);
    if (Compiler.compile(Source.read(dyn), new Compiler.Options(Map.of(), LspSessionTest.STDLIB)).ok()) {
      // The golden is a run-time failure (e.g. divergence): nothing an editor can show.
      assertEquals(List.of(), shown);
      return;
    }
    List<Rendered> golden = parse(Files.readAllLines(dyn.resolveSibling(dyn.getFileName().toString().replace(".dyn", ".err"))));
    assertEquals(golden.size(), shown.size(), "diagnostics: " + shown);
    for (int i = 0; i < golden.size(); i++) {
      Rendered g = golden.get(i);
      Diagnostic d = shown.get(i);
      assertEquals(new Position(g.line - 1, g.col - 1), d.getRange().getStart());
      assertEquals(new Position(g.line - 1, g.col - 1 + g.carets), d.getRange().getEnd());
      assertEquals(g.message + (g.help == null ? "" : "\nhelp: " + g.help), d.getMessage());
      List<int[]> related = new ArrayList<>();
      if (d.getRelatedInformation() != null) {
        d.getRelatedInformation().forEach(r -> related.add(new int[] {r.getLocation().getRange().getStart().getLine() + 1,
            r.getLocation().getRange().getStart().getCharacter() + 1}));
      }
      assertEquals(g.notes.size(), related.size());
      for (int k = 0; k < related.size(); k++) assertEquals(List.of(g.notes.get(k)[0], g.notes.get(k)[1]), List.of(related.get(k)[0], related.get(k)[1]));
    }
  }

  private static List<Rendered> parse(List<String> lines) {
    List<Rendered> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = HEAD.matcher(lines.get(i));
      if (!m.matches()) continue;
      int line = Integer.parseInt(m.group(1));
      int col = Integer.parseInt(m.group(2));
      int carets = i + 2 < lines.size() ? lines.get(i + 2).replaceAll("[^^]", "").length() : 1;
      if (m.group(3).equals("note")) {
        out.get(out.size() - 1).notes.add(new int[] {line, col});
        continue;
      }
      String help = i + 3 < lines.size() && lines.get(i + 3).startsWith("   = help: ") ? lines.get(i + 3).substring(11) : null;
      out.add(new Rendered(line, col, carets, m.group(4), help, new ArrayList<>()));
    }
    return out;
  }
}
