package dyn.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The runtime sees only the Plan contract of the compiler (DESIGN.md, STYLE.md §1). */
class ArchitectureTest {
  @Test
  void runtimeImportsOnlyThePlanFromTheCompiler() throws IOException {
    Path main = Path.of("src/main/java");
    List<String> bad = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        for (String line : Files.readAllLines(f)) {
          String l = line.trim();
          if (l.startsWith("import dyn.compiler.") && !l.startsWith("import dyn.compiler.plan.")) {
            bad.add(f + ": " + l);
          }
        }
      }
    }
    assertTrue(bad.isEmpty(), "runtime imports compiler internals: " + bad);
  }
}
