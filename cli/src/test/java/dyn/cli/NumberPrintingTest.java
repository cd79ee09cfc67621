package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Params, the plan listing and CSV print the shortest text that reads back to the same double:
 * a researcher who typed {@code alpha=3e-4} reads {@code 0.0003}, not the binary value's
 * 17-digit noise ({@code 0.00029999999999999997}, printed before).
 */
class NumberPrintingTest {
  @TempDir Path dir;

  private Path script() throws IOException {
    return Files.writeString(dir.resolve("p.dyn"), String.join("\n",
        "import models",
        "import datasets",
        "param alpha = 1e-4",
        "param tiny = 1e-6",
        "param third = 0.1 + 0.2",
        "data teacher = linear_teacher(d = 2, out = 2, n = 10, singular_values = [2, 1], seed = 0)",
        "model net = two_layer(d = 2, width = 2, out = 2, act = linear, scale = alpha, seed = 1)",
        "train gd = descent(net, teacher, lr = 1e-4, steps = 3)",
        "observe loss at linear(0, 3e-4, 4)",
        "report csv(\"p.csv\")",
        ""));
  }

  @Test
  void paramsPrintAsTyped() throws IOException {
    CliRun r = CliRun.of("run", script().toString(), "alpha=3e-4", "--out", dir.resolve("out").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("param alpha = 0.0003  (overridden)"), r.out());
    assertTrue(r.out().contains("param tiny = 1e-6\n"), r.out());
    // 0.1 + 0.2 is not 0.3 in binary; the shortest text that reads back says so.
    assertTrue(r.out().contains("param third = 0.30000000000000004\n"), r.out());
    String csv = Files.readString(dir.resolve("out/p.csv"));
    // GD's times k · 1e-4 were written by Double.toString as 1.0E-4: Java's spelling, not dyn's.
    assertTrue(csv.startsWith("t,gd.loss\n0,") && !csv.contains("E-"), csv);
  }

  @Test
  void thePlanListingPrintsShortestNumbers() throws IOException {
    CliRun r = CliRun.of("plan", script().toString(), "alpha=3e-4");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("0.0003"), r.out());
    assertTrue(!r.out().contains("0.00029999999999999997"), r.out());
  }
}
