package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Elementwise math of series values in checks, run end to end: the value a check prints for
 * log(final(s)) is the log of the one it prints for final(s), and sqrt of a vector series is
 * taken per component (s² of a singular value gives it back).
 */
class CheckMathRunTest {
  @TempDir Path dir;

  private static double value(String out, String check) {
    Matcher m = Pattern.compile(Pattern.quote("check " + check) + ": PASS \\(value (\\S+)\\)").matcher(out);
    assertTrue(m.find(), check + " in\n" + out);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void logAndSqrtOfRecordedValues() throws IOException {
    Path script = dir.resolve("m.dyn");
    Files.writeString(script, String.join("\n",
        "import models", "import datasets",
        "data t = linear_teacher(d = 4, out = 4, n = 40, singular_values = [3, 1], seed = 0)",
        "model net = two_layer(d = 4, width = 4, out = 4, scale = 1e-2, seed = 1)",
        "train gd = descent(net, t, lr = 0.05, steps = 400)",
        "observe loss, singular_values at linear(0, 20, 11)",
        "check final(gd.loss) < 1",
        "check log(final(gd.loss)) < 0",
        "check sqrt(square(final(gd.singular_values[0]))) > 2.9",
        "check final(gd.singular_values[0]) > 2.9", ""));
    CliRun r = CliRun.of("run", script.toString(), "--out", dir.resolve("out").toString());
    assertEquals(0, r.code(), r.out() + r.err());
    // Printed to six significant digits: the logs agree to that.
    double loss = value(r.out(), "final(gd.loss) < 1");
    assertEquals(Math.log(loss), value(r.out(), "log(final(gd.loss)) < 0"), 1e-5 * Math.abs(Math.log(loss)));
    assertEquals(value(r.out(), "final(gd.singular_values[0]) > 2.9"),
        value(r.out(), "sqrt(square(final(gd.singular_values[0]))) > 2.9"), 0);
  }
}
