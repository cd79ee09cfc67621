package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java runtime that cannot draw (here: one without the java.desktop module, as the GPU
 * machines' linked runtime was; there, also a font library missing from the system) fails the
 * figure's report with its script line and a help line, and nothing else: the tables, the CSV
 * and the checks are all there, and it is not reported as a bug in dyn. Before, the first
 * figure ended the run as an internal error, before the checks were printed.
 */
class FigureRuntimeTest {
  @TempDir Path dir;

  @Test
  void aRuntimeWithoutFiguresFailsOnlyTheFigure() throws Exception {
    Path script = Files.writeString(dir.resolve("plots.dyn"), String.join("\n",
        "import models", "import datasets",
        "data teacher = linear_teacher(d = 4, out = 1, n = 64, singular_values = [1], seed = 0)",
        "model net = two_layer(d = 4, width = 8, out = 1, scale = 0.1, seed = 1)",
        "train gd = descent(net, teacher, lr = 0.05, steps = 200)",
        "observe loss at linear(0, 10, 3)",
        "report table(gd.loss)",
        "report plot(\"loss.svg\", gd.loss)",
        "report csv(\"loss.csv\", gd.loss)",
        "check final(gd.loss) < at(gd.loss, 0)", ""));
    Path out = dir.resolve("out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java,
        "--limit-modules", "java.base,java.logging,java.management,jdk.unsupported,jdk.incubator.vector",
        "--add-modules", "jdk.incubator.vector",
        "-Ddyn.home=" + HostileInputTest.EXAMPLES.getParent().toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), "dyn.cli.Main", "run", script.toString(),
        "--out", out.toString())
        .redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(dir.resolve("stderr").toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the run did not finish in 120 s");
    }
    String stdout = Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8);
    String stderr = Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
    assertEquals(ExitCodes.RUNTIME, p.exitValue(), stdout + stderr);
    assertTrue(stdout.contains("gd.loss") && stdout.contains("check final(gd.loss) < at(gd.loss, 0): PASS"), stdout);
    assertTrue(stderr.contains("plots.dyn:8:1: error: report loss.svg: cannot draw "), stderr);
    assertTrue(stderr.contains("this Java runtime cannot render figures (NoClassDefFoundError"), stderr);
    assertTrue(stderr.contains("= help: figures need the JDK's java.desktop module"), stderr);
    assertFalse(stderr.contains("internal error"), stderr);
    // The CSV and the manifest, and no figure, whole or half-written.
    try (var files = Files.list(out)) {
      assertEquals(List.of("loss.csv", "manifest.json"),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
    assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"status\" : \"failed\""));
  }
}
