package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.Compiler;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Renderer;
import dyn.compiler.source.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every ```dyn block of the README compiles, so the documentation cannot drift from the language. */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of(System.getProperty("dyn.root", "..")).toAbsolutePath().normalize();

  static List<String> snippets(String markdown) {
    List<String> out = new ArrayList<>();
    StringBuilder current = null;
    for (String line : markdown.split("\n", -1)) {
      if (current == null && line.trim().equals("```dyn")) {
        current = new StringBuilder();
      } else if (current != null && line.trim().equals("```")) {
        out.add(current.toString());
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return out;
  }

  @Test
  void theReadmeHasSnippetsAndTheFirstStudyIsTheExample() throws IOException {
    List<String> s = snippets(Files.readString(ROOT.resolve("README.md")));
    assertFalse(s.isEmpty());
    String example = Files.readString(ROOT.resolve("examples/saddle_linear.dyn"));
    // The example adds the theory comment; every line of the README's study must be in it, in order.
    int at = 0;
    for (String line : s.get(0).split("\n")) {
      int found = example.indexOf(line + "\n", at);
      assertTrue(found >= 0, "examples/saddle_linear.dyn lacks README line: " + line);
      at = found + line.length();
    }
  }

  @TestFactory
  Stream<DynamicTest> everySnippetCompiles() throws IOException {
    List<String> s = snippets(Files.readString(ROOT.resolve("README.md")));
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      String text = s.get(i);
      String name = "README.md snippet " + (i + 1);
      tests.add(DynamicTest.dynamicTest(name, () -> {
        Compilation c;
        try {
          c = Compiler.compile(new Source(name, text), new Compiler.Options(Map.of(), ROOT.resolve("stdlib")));
        } catch (UnsupportedOperationException e) {
          Assumptions.abort("the compiler is not implemented in this build");
          return;
        }
        List<Diagnostic> errors = c.diagnostics().stream()
            .filter(d -> d.severity() == Diagnostic.Severity.ERROR).collect(Collectors.toList());
        assertTrue(errors.isEmpty(), () -> Renderer.render(errors, false));
      }));
    }
    return tests.stream();
  }
}
