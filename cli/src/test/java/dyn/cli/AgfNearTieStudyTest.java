package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 8: on a 6×8×6 linear net (whitened teacher with singular values 6, 3, 1.5, init
 * 1e-5, seed 1) AGF's third jump comes 1.3 time units before gradient flow's and credits another
 * neuron. Cause: at the first jump, neuron 5 was a near tie with the winner (its mode-1 amplitude
 * 0.5% smaller), and AGF keeps it dormant at norm 0.995 of its threshold: it then fires as soon as
 * it has gained the last 0.5%, which is AGF's definition (accumulated utility is never reset), not
 * a bug in dyn's solver.
 *
 * <p>Expected numbers come from an independent numpy AGF (reference §1.3, Euler h = 1e-3, cost
 * phase by 20000 GD steps) from dyn's exported θ(0) ({@code report params}) and the teacher
 * recovered as W2W1 at the end of gradient flow: jumps 2.0131, 3.7123, 6.3284 by neurons 2, 0, 5;
 * dormant norms at jump 1 of neuron 5 = 0.9949 and neuron 7 = 0.9281. Gradient flow's third
 * crossing is predicted by the linear (dormant) regime instead: mode 3 is learned by the neuron
 * with the largest mode-3 amplitude p = (u_3ᵀa_i + v_3ᵀw_i)/√2, neuron 6, at ln(1/|p|)/s_3 = 7.745.
 */
class AgfNearTieStudyTest {
  private static final String SCRIPT = String.join("\n",
      "import models",
      "import datasets",
      "param alpha = 1e-5",
      "data teacher = linear_teacher(d = 6, out = 6, n = 200, singular_values = [6, 3, 1.5],"
          + " whiten = true, seed = 1)",
      "model net = two_layer(d = 6, width = 8, out = 6, act = linear, scale = alpha, seed = 2)",
      "train gf = flow(net, teacher, until = 12, rtol = 1e-9)",
      "observe loss, neuron_norms at log(0.01, 12, 300)",
      "predict agf1 = agf(net, teacher, step = 1e-3, until = 12)",
      "compare c1 = staircase(gf.loss, agf1, time_rtol = 0.1, level_rtol = 0.05)",
      "");

  @TempDir Path tmp;

  @Test
  void theEarlyThirdJumpIsARunnerUpOfTheFirst() throws Exception {
    Path script = tmp.resolve("near_tie.dyn");
    Files.writeString(script, SCRIPT);
    CliRun r = CliRun.of("run", script.toString(), "-v", "--out", tmp.resolve("out").toString());
    // The comparison fails at 10%: the disagreement this test pins down.
    assertEquals(1, r.code(), r.out() + r.err());
    List<String[]> rows = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (line.matches("\\s+[123]\\s+.*neuron.*")) rows.add(line.trim().split("\\s+"));
    }
    assertEquals(3, rows.size(), r.out());
    double[] agf = {2.0131, 3.7123, 6.3284};
    String[] neuron = {"2", "0", "5"};
    for (int k = 0; k < 3; k++) {
      assertEquals(agf[k], Double.parseDouble(rows.get(k)[1]), 2e-4, r.out());
      assertEquals(neuron[k], rows.get(k)[rows.get(k).length - 3], r.out());
    }
    double gfThird = Double.parseDouble(rows.get(2)[2]);
    assertEquals(7.745, gfThird, 0.02 * 7.745, r.out());
    assertEquals("6", rows.get(2)[rows.get(2).length - 1], r.out());
    assertEquals(1.3, gfThird - agf[2], 0.05, r.out());
    // The near ties are said, with the norms numpy finds.
    assertTrue(r.err().contains("near tie at jump 1 (t = 2.0131, neuron 2): dormant neuron 5 has "
        + "already grown to norm 0.995"), r.err());
    assertTrue(r.err().contains("dormant neuron 7 has already grown to norm 0.928"), r.err());
  }
}
