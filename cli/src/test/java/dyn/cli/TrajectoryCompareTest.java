package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare … = trajectory(…)} end to end: verdict, exit status, JSON report and plan
 * listing. The model f(x) = W x is linear in θ, so its linearization f_0 + J(θ − θ_0) is the
 * model itself and gradient descent on it is the linearized prediction exactly: the measured and
 * predicted losses may differ by round-off only. A ReLU network of width 8 is far from linear, so
 * the same tolerance must fail there.
 */
class TrajectoryCompareTest {
  @TempDir Path dir;

  private static final String SCRIPT = String.join("\n",
      "import models", "import datasets",
      "model lin(d, out) {", "  param W: [out, d] ~ normal(0, 1 / d)", "  return W @ x", "}",
      "data teacher = linear_teacher(d = 4, out = 1, n = 16, singular_values = [1])",
      "model net = MODEL",
      "train gd = descent(net, teacher, lr = 0.1, steps = 20)",
      "observe loss for gd at linear(0, 2, 11)",
      "predict lazy = linearized(net, teacher, lr = 0.1)",
      "compare fit = trajectory(gd.loss, lazy, rtol = 1e-9EXPECT)",
      "report json(\"r.json\")", "");

  private static final String LINEAR = "lin(d = 4, out = 1, seed = 1)";
  private static final String RELU = "two_layer(d = 4, width = 8, out = 1, act = relu, seed = 1)";

  private String out;

  private int run(String model, String expect, String... args) throws Exception {
    Path script = dir.resolve("s.dyn");
    Files.writeString(script, SCRIPT.replace("MODEL", model).replace("EXPECT", expect));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
    String[] all = new String[args.length + 1];
    all[0] = args[0];
    all[1] = script.toString();
    System.arraycopy(args, 1, all, 2, args.length - 1);
    int code = Main.run(all, ps, new PrintStream(new ByteArrayOutputStream()));
    out = sink.toString(StandardCharsets.UTF_8);
    return code;
  }

  @Test
  void aModelLinearInThetaMatchesItsLinearizationToRoundOff() throws Exception {
    assertEquals(0, run(LINEAR, "", "run", "--out", dir.toString()), out);
    assertTrue(out.contains("compare fit: gd.loss against lazy.loss, linearized (gradient descent)"),
        out);
    assertTrue(out.contains("compare fit: PASS (11 shared times over t = 0 … "), out);
    String json = Files.readString(dir.resolve("r.json"));
    assertTrue(json.contains("\"method\" : \"trajectory\""), json);
    assertTrue(json.contains("\"passed\" : true"), json);
    Matcher m = Pattern.compile("\"relative_error\" : ").matcher(json);
    int points = 0;
    while (m.find()) points++;
    assertEquals(11, points, json);
  }

  @Test
  void aPassDeclaredToFailExitsOne() throws Exception {
    assertEquals(1, run(LINEAR, ", expect = fail", "run", "--out", dir.toString()), out);
    assertTrue(out.contains("compare fit: PASS, expected FAIL (11 shared times"), out);
  }

  @Test
  void aNonlinearNetworkFailsTheSameToleranceAndExitsOne() throws Exception {
    assertEquals(1, run(RELU, "", "run", "--out", dir.toString()), out);
    assertTrue(out.contains("compare fit: FAIL (11 shared times over t = 0 … "), out);
    assertTrue(out.contains("worst"), out);
  }

  @Test
  void aFailDeclaredAsExpectedExitsZero() throws Exception {
    assertEquals(0, run(RELU, ", expect = fail", "run", "--out", dir.toString()), out);
    assertTrue(out.contains("compare fit: FAIL as expected ("), out);
  }

  @Test
  void thePlanListsTheComparisonInTextAndJson() throws Exception {
    assertEquals(0, run(LINEAR, ", expect = fail", "plan"), out);
    assertTrue(out.contains("trajectory: gd.loss vs lazy.loss (step "), out);
    assertTrue(out.contains("rtol=1e-9 at shared times, expect fail"), out);
    assertEquals(0, run(LINEAR, "", "plan", "--json"), out);
    assertTrue(out.contains("\"method\": \"trajectory\""), out);
    assertTrue(out.contains("\"expect\": \"pass\""), out);
  }
}
