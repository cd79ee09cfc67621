package dyn.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dyn.compiler.plan.Graph;
import dyn.compiler.plan.Op;
import dyn.runtime.backend.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A {@link SubChain} leaves out the hidden units that the zero entries of θ switch off; on the
 * live entries its loss and gradient must be the full chain's to the last bit (AGF's results do
 * not change with it), and it must actually leave those units out (else it saves nothing). Its
 * seeded pass (AGF's utility gradient) must give the generic path's backward from the same seed,
 * bit for bit. Sizes stay below the threshold at which a pass is split over threads, so that the
 * full chain's loss is summed in one order too.
 */
class SubChainTest {
  private static Graph chain(Op.UnaryFn... acts) {
    List<Graph.Node> nodes = new ArrayList<>();
    nodes.add(new Graph.Node(new Op.Input(0), 0, Graph.BATCH));
    int prev = 0;
    for (int l = 0; l < acts.length; l++) {
      nodes.add(new Graph.Node(new Op.Param(l), 0, 0));
      nodes.add(new Graph.Node(new Op.MatMul(nodes.size() - 1, prev), 0, Graph.BATCH));
      prev = nodes.size() - 1;
      if (acts[l] != null) {
        nodes.add(new Graph.Node(new Op.Unary(acts[l], prev), 0, Graph.BATCH));
        prev = nodes.size() - 1;
      }
    }
    return new Graph(nodes, List.of(prev));
  }

  /** How a hidden unit is switched off, or not. */
  private enum Unit { ON, BOTH_OFF, ROW_OFF, COLUMN_OFF }

  /**
   * A random θ on the two-layer chain d → width → c with each hidden unit set as units[j] says
   * (its entries zero and not live), checked against the full chain; returns the kept units.
   */
  private static int check(Op.UnaryFn act, int d, int c, int n, Unit[] units, long seed) {
    int width = units.length;
    int[][] shapes = {{width, d}, {c, width}};
    Graph g = chain(act, null);
    Random rnd = new Random(seed);
    double[] x = new double[d * n];
    double[] y = new double[c * n];
    for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
    for (int i = 0; i < y.length; i++) y[i] = rnd.nextGaussian();
    Program full = Program.compile(g, shapes, d, n, CpuBackend.INSTANCE);
    Program generic = Program.compileGeneric(g, shapes, d, n, CpuBackend.INSTANCE);
    full.setInput(x);
    full.setTarget(y);
    generic.setInput(x);
    double[] theta = new double[full.paramCount()];
    boolean[] live = new boolean[theta.length];
    int w2 = width * d;
    for (int j = 0; j < width; j++) {
      boolean rowOn = units[j] == Unit.ON || units[j] == Unit.COLUMN_OFF;
      boolean colOn = units[j] == Unit.ON || units[j] == Unit.ROW_OFF;
      for (int p = 0; p < d; p++) {
        live[j * d + p] = rowOn;
        theta[j * d + p] = rowOn ? 0.4 * rnd.nextGaussian() : 0.0;
      }
      for (int i = 0; i < c; i++) {
        live[w2 + i * width + j] = colOn;
        theta[w2 + i * width + j] = colOn ? 0.4 * rnd.nextGaussian() : 0.0;
      }
    }
    SubChain sub = full.subChain(live);
    assertNotNull(sub, "a dense chain has a sub-chain");
    double[] gf = new double[theta.length];
    double[] gs = new double[theta.length];
    // Twice, after a step: the second pass must not see the first one's buffers.
    for (int rep = 0; rep < 2; rep++) {
      double lf = full.mseValueAndGradient(theta, gf);
      double ls = sub.mseValueAndGradient(theta, gs);
      assertEquals(Double.doubleToLongBits(lf), Double.doubleToLongBits(ls), "loss " + lf + " vs " + ls);
      for (int i = 0; i < theta.length; i++) {
        if (live[i]) {
          assertEquals(Double.doubleToLongBits(gf[i]), Double.doubleToLongBits(gs[i]),
              "gradient " + i + ": " + gf[i] + " vs " + gs[i]);
        } else {
          assertEquals(0.0, gs[i], "entries that are not live get 0");
        }
      }
      // The loss first, the gradient after (a line search's rejected trials need only the loss).
      double[] gl = new double[theta.length];
      assertEquals(Double.doubleToLongBits(ls), Double.doubleToLongBits(sub.mseValueFirst(theta)));
      sub.gradientOfLast(gl);
      for (int i = 0; i < theta.length; i++) {
        assertEquals(Double.doubleToLongBits(gs[i]), Double.doubleToLongBits(gl[i]), "later gradient " + i);
      }
      for (int i = 0; i < theta.length; i++) if (live[i]) theta[i] -= 0.05 * gf[i];
    }
    // The seeded pass against the generic backward from the same seed.
    double[] s = new double[c * n];
    for (int i = 0; i < s.length; i++) s[i] = rnd.nextGaussian() / n;
    sub.setSeed(s);
    sub.seededGradient(theta, gs);
    generic.setParams(theta);
    generic.forward();
    generic.backward(0, s);
    double[] gg = new double[theta.length];
    generic.paramGradient(gg);
    for (int i = 0; i < theta.length; i++) {
      if (live[i]) {
        assertEquals(Double.doubleToLongBits(gg[i]), Double.doubleToLongBits(gs[i]),
            "seeded gradient " + i + ": " + gg[i] + " vs " + gs[i]);
      }
    }
    return sub.hiddenUnits();
  }

  private static Unit[] units(String s) {
    Unit[] u = new Unit[s.length()];
    for (int j = 0; j < u.length; j++) {
      u[j] = switch (s.charAt(j)) {
        case '1' -> Unit.ON;
        case '0' -> Unit.BOTH_OFF;
        case 'r' -> Unit.ROW_OFF;
        default -> Unit.COLUMN_OFF;
      };
    }
    return u;
  }

  @Test
  void agfsActiveAndDormantSetsGiveTheFullChainsBits() {
    // AGF: a neuron is a row of W_1 and a column of W_2, both on or both off.
    assertEquals(3, check(Op.UnaryFn.SQUARE, 8, 5, 50, units("100010000100"), 1));
    assertEquals(7, check(Op.UnaryFn.SQUARE, 8, 5, 50, units("011101111000"), 2));
    assertEquals(1, check(Op.UnaryFn.SQUARE, 8, 5, 50, units("000000000001"), 3));
    assertEquals(12, check(Op.UnaryFn.SQUARE, 8, 5, 50, units("111111111111"), 4));
    assertEquals(4, check(Op.UnaryFn.RELU, 9, 3, 33, units("0101000011"), 5));
    assertEquals(2, check(null, 3, 11, 17, units("00100100"), 6));
  }

  @Test
  void aZeroRowSwitchesAUnitOffOnlyWhereTheActivationKeepsZero() {
    // An incoming row at zero: off for square and tanh (σ(0) = 0), kept for sigmoid (σ(0) = ½).
    assertEquals(2, check(Op.UnaryFn.SQUARE, 6, 4, 40, units("1rr1rc"), 7));
    assertEquals(2, check(Op.UnaryFn.TANH, 6, 4, 40, units("1rr1rc"), 8));
    assertEquals(5, check(Op.UnaryFn.SIGMOID, 6, 4, 40, units("1rr1rc"), 9));
  }

  @Test
  void everyUnitOffStillRuns() {
    assertEquals(1, check(Op.UnaryFn.SQUARE, 5, 3, 20, units("000000"), 10));
  }

  @Test
  void deepChainsDropUnitsOfEveryHiddenLayer() {
    // 5 → 7 → 6 → 2, tanh between: units off in both hidden layers.
    int[] widths = {5, 7, 6, 2};
    int[][] shapes = {{7, 5}, {6, 7}, {2, 6}};
    Graph g = chain(Op.UnaryFn.TANH, Op.UnaryFn.TANH, null);
    int n = 30;
    Random rnd = new Random(11);
    double[] x = new double[widths[0] * n];
    double[] y = new double[2 * n];
    for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
    for (int i = 0; i < y.length; i++) y[i] = rnd.nextGaussian();
    Program full = Program.compile(g, shapes, widths[0], n, CpuBackend.INSTANCE);
    full.setInput(x);
    full.setTarget(y);
    double[] theta = new double[full.paramCount()];
    boolean[] live = new boolean[theta.length];
    for (int i = 0; i < theta.length; i++) {
      live[i] = true;
      theta[i] = 0.5 * rnd.nextGaussian();
    }
    // Layer-1 units 2 and 5: column off in W_2 (6×7 at offset 35). Layer-2 unit 4: row off in W_2.
    for (int j : new int[] {2, 5}) {
      for (int i = 0; i < 6; i++) {
        live[35 + i * 7 + j] = false;
        theta[35 + i * 7 + j] = 0;
      }
    }
    for (int p = 0; p < 7; p++) {
      live[35 + 4 * 7 + p] = false;
      theta[35 + 4 * 7 + p] = 0;
    }
    SubChain sub = full.subChain(live);
    assertEquals(5 + 5, sub.hiddenUnits());
    double[] gf = new double[theta.length];
    double[] gs = new double[theta.length];
    double lf = full.mseValueAndGradient(theta, gf);
    double ls = sub.mseValueAndGradient(theta, gs);
    assertEquals(Double.doubleToLongBits(lf), Double.doubleToLongBits(ls));
    double[] gfLive = new double[theta.length];
    for (int i = 0; i < theta.length; i++) gfLive[i] = live[i] ? gf[i] : 0.0;
    assertArrayEquals(gfLive, gs, 0.0);
  }
}
