package dyn.compiler.syntax;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dyn.compiler.diag.Renderer;
import dyn.compiler.source.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every examples/**&#47;*.dyn and stdlib/**&#47;*.dyn under the repository root ({@code dyn.root},
 * forwarded by surefire) parses without a syntax error, except files under examples/errors/, which
 * are negative examples by design. It lives in the compiler module so a failure shows dyn's own
 * rendered diagnostics.
 */
class GrammarCorpusTest {

  @TestFactory
  Stream<DynamicTest> corpusParses() throws IOException {
    Path root = Paths.get(System.getProperty("dyn.root", "..")).toAbsolutePath().normalize();
    List<Path> files = new ArrayList<>();
    for (String dir : new String[] {"examples", "stdlib"}) {
      Path d = root.resolve(dir);
      if (!Files.isDirectory(d)) continue;
      try (Stream<Path> walk = Files.walk(d)) {
        files.addAll(
            walk.filter(p -> p.toString().endsWith(".dyn"))
                .filter(p -> !root.relativize(p).startsWith(Paths.get("examples", "errors")))
                .sorted()
                .collect(Collectors.toList()));
      }
    }
    if (files.isEmpty()) {
      return Stream.of(
          DynamicTest.dynamicTest(
              "corpus",
              () -> assumeTrue(false, "no examples/ or stdlib/ .dyn files under " + root + " yet")));
    }
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    root.relativize(f).toString(),
                    () -> {
                      Source src = new Source(root.relativize(f).toString(), Files.readString(f));
                      Parse.Result r = Parse.parse(src);
                      if (!r.diagnostics().isEmpty()) {
                        Assertions.fail("\n" + Renderer.render(r.diagnostics(), false));
                      }
                    }));
  }
}
