package dyn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The runtime sees only the Plan of the compiler module, never its syntax, resolver or checker. */
class ArchitectureTest {
  private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?(dyn\\.compiler\\.[\\w.]+)", Pattern.MULTILINE);

  @Test
  void runtimeImportsOnlyThePlanFromTheCompiler() throws IOException {
    Path main = Path.of(System.getProperty("dyn.root", "..")).resolve("runtime/src/main/java");
    assertTrue(Files.isDirectory(main), "runtime sources not found at " + main);
    List<String> bad = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          if (!m.group(2).startsWith("dyn.compiler.plan.")) bad.add(main.relativize(f) + ": " + m.group(2));
        }
      }
    }
    assertEquals(List.of(), bad, "runtime main code may import only dyn.compiler.plan");
  }
}
