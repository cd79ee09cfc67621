package dyn.runtime.agf;

import dyn.compiler.plan.ModelSpec;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.backend.Matrix;
import dyn.runtime.graph.Program;
import dyn.runtime.graph.SubChain;
import dyn.runtime.model.FlatParams;
import java.util.Arrays;

/**
 * A model's compiled graph on a fixed dataset, seen neuron by neuron: neuron i's output
 * f_i(x; θ_i) is the whole graph evaluated with θ zero outside neuron i's slices. That is sound
 * because the solver first checks that every parameter entry belongs to exactly one neuron and
 * that f is the sum of those masked outputs.
 */
final class NeuronModel {
  final int neurons;
  final int[][] index;
  final int n;
  final double[] y;
  private final Program program;
  private final double[] theta;
  private final double[] grad;
  private final double[] seed;

  private NeuronModel(ModelSpec model, int[][] index, Matrix x, Matrix y) {
    this.neurons = index.length;
    this.index = index;
    this.n = x.cols;
    this.y = y.data.clone();
    this.program = Program.compile(
        model.forward(), FlatParams.shapes(model), model.inputDim(), n, CpuBackend.INSTANCE);
    program.setInput(x.data);
    this.theta = new double[program.paramCount()];
    this.grad = new double[program.paramCount()];
    this.seed = new double[y.data.length];
    if (program.hasFusedMse()) program.setTarget(this.y);
  }

  /** Checks the decomposition covers every parameter entry exactly once, and compiles. */
  static NeuronModel of(ModelSpec model, Matrix x, Matrix y) throws AgfFailure {
    ModelSpec.Neurons nd = model.neurons().orElseThrow(() -> new AgfFailure(
        "model " + model.name() + " declares no neuron decomposition, so AGF does not apply",
        "declare neurons f(x) = Σ_i f_i(x; θ_i) in the model"));
    if (x.rows != model.inputDim()) {
      throw new AgfFailure("x has " + x.rows + " rows but the model takes " + model.inputDim(), null);
    }
    if (y.rows != model.outputDim() || y.cols != x.cols) {
      throw new AgfFailure("y is " + y.rows + "×" + y.cols + " but the model needs "
          + model.outputDim() + "×" + x.cols, null);
    }
    int[][] shapes = FlatParams.shapes(model);
    int[] offset = new int[shapes.length + 1];
    for (int p = 0; p < shapes.length; p++) offset[p + 1] = offset[p] + shapes[p][0] * shapes[p][1];
    int[] owner = new int[offset[shapes.length]];
    Arrays.fill(owner, -1);
    int[][] index = new int[nd.count()][];
    for (int i = 0; i < nd.count(); i++) {
      int[] idx = new int[0];
      for (ModelSpec.Part part : nd.parts()) {
        int[] sh = shapes[part.param()];
        int off = offset[part.param()];
        int len = part.slice() == ModelSpec.Slice.ROW ? sh[1]
            : part.slice() == ModelSpec.Slice.COLUMN ? sh[0] : 1;
        int base = idx.length;
        idx = Arrays.copyOf(idx, base + len);
        for (int k = 0; k < len; k++) {
          int at;
          if (part.slice() == ModelSpec.Slice.ROW) at = off + i * sh[1] + k;
          else if (part.slice() == ModelSpec.Slice.COLUMN) at = off + k * sh[1] + i;
          else at = off + i;
          if (owner[at] >= 0) {
            throw new AgfFailure("parameter " + model.params().get(part.param()).name()
                + " entry " + (at - off) + " belongs to neurons " + owner[at] + " and " + i, null);
          }
          owner[at] = i;
          idx[base + k] = at;
        }
      }
      index[i] = idx;
    }
    for (int p = 0; p < shapes.length; p++) {
      for (int at = offset[p]; at < offset[p + 1]; at++) {
        if (owner[at] < 0) {
          throw new AgfFailure("parameter " + model.params().get(p).name()
              + " is not (entirely) part of the neuron decomposition; AGF needs f = Σ_i f_i(x; θ_i)",
              "put every trained parameter in a neuron part, or fix it as a constant");
        }
      }
    }
    return new NeuronModel(model, index, x, y);
  }

  int paramCount() {
    return theta.length;
  }

  int dim(int i) {
    return index[i].length;
  }

  /** f(x; θ) for the full flat θ (a live buffer, c×n). */
  double[] output(double[] fullTheta) {
    program.setParams(fullTheta);
    program.forward();
    return program.output(0);
  }

  /** f_i(x; θ_i) for neuron i's flat parameters (a live buffer). */
  double[] neuronOutput(int i, double[] thetaI) {
    Arrays.fill(theta, 0.0);
    for (int k = 0; k < thetaI.length; k++) theta[index[i][k]] = thetaI[k];
    return output(theta);
  }

  /** U_i(θ_i; r) = (1/n) Σ ⟨f_i, r⟩, writing ∇_{θ_i} U into gradI. */
  double utility(int i, double[] thetaI, double[] r, double[] gradI) {
    double[] f = neuronOutput(i, thetaI);
    double u = 0.0;
    for (int k = 0; k < f.length; k++) {
      u += f[k] * r[k];
      seed[k] = r[k] / n;
    }
    program.backward(0, seed);
    program.paramGradient(grad);
    for (int k = 0; k < gradI.length; k++) gradI[k] = grad[index[i][k]];
    return u / n;
  }

  /**
   * The utilities of the listed neurons against a residual r frozen for one utility phase (r is
   * read now: later changes to it are not seen).
   *
   * @param use which neurons to evaluate (the others' entries are set to zero)
   */
  Utilities utilities(boolean[] use, double[] r) {
    boolean[] live = new boolean[theta.length];
    for (int i = 0; i < neurons; i++) if (use[i]) for (int at : index[i]) live[at] = true;
    double[] s = new double[r.length];
    for (int k = 0; k < s.length; k++) s[k] = r[k] / n;
    SubChain sub = fusedReady() ? program.subChain(live) : null;
    if (sub != null) sub.setSeed(s);
    return new Utilities(use.clone(), s, sub);
  }

  /**
   * Every listed neuron's utility and its gradient in ONE backward pass from the seed r/n: with
   * the neurons' parameters disjoint and f = Σ_i f_i, ∇_{θ_i} (1/n)⟨f(θ), r⟩ = ∇U_i(θ_i; r), and
   * Euler's theorem for f_i homogeneous of degree κ gives U_i = ⟨∇U_i, θ_i⟩/κ. Where the model
   * is a dense chain, the pass is the fused one training uses, over the listed neurons' hidden
   * units only ({@link SubChain}): the generic path's bits at a fraction of its time (the
   * generic pass was half of an AGF run).
   */
  final class Utilities {
    private final boolean[] use;
    private final double[] seedR;
    private final SubChain sub;

    private Utilities(boolean[] use, double[] seedR, SubChain sub) {
      this.use = use;
      this.seedR = seedR;
      this.sub = sub;
    }

    /** U_i into u and ∇U_i into gradI for every listed neuron, at directions thetaI. */
    void evaluate(double[][] thetaI, double kappa, double[][] gradI, double[] u) {
      Arrays.fill(theta, 0.0);
      for (int i = 0; i < neurons; i++) {
        if (!use[i]) continue;
        for (int k = 0; k < thetaI[i].length; k++) theta[index[i][k]] = thetaI[i][k];
      }
      if (sub != null) {
        sub.seededGradient(theta, grad);
      } else {
        output(theta);
        program.backward(0, seedR);
        program.paramGradient(grad);
      }
      for (int i = 0; i < neurons; i++) {
        if (!use[i]) continue;
        double dot = 0.0;
        for (int k = 0; k < gradI[i].length; k++) {
          gradI[i][k] = grad[index[i][k]];
          dot += gradI[i][k] * thetaI[i][k];
        }
        u[i] = dot / kappa;
      }
    }
  }

  /**
   * The cost phase's objective over the free entries (the others held at zero): L(θ) with ∇L
   * written into its gradient argument; the residual is NOT written where the fused pass runs,
   * and there the loss alone is available for a third of the pass (a {@link
   * CostPhase.SplitObjective}).
   * Where the model is a dense chain, that is the fused pass training uses over the active
   * neurons' hidden units only ({@link SubChain}: the full fused pass's bits, at a fraction of
   * the generic forward/backward's cost, which was 90% of a cost phase). Otherwise {@link #loss},
   * which agrees with the fused pass to rounding only (its seed is −(y − f)/n, its loss summed in
   * storage order), so a line search may take a slightly different path on it: on
   * examples/modular_addition.dyn 22,421 evaluations against 22,409, with the same printed results.
   */
  CostPhase.Objective costObjective(boolean[] free) {
    SubChain sub = fusedReady() ? program.subChain(free) : null;
    if (sub == null) return this::loss;
    return new CostPhase.SplitObjective() {
      @Override
      public double loss(double[] th, double[] gr, double[] res) {
        return sub.mseValueAndGradient(th, gr);
      }

      @Override
      public double value(double[] th) {
        return sub.mseValueFirst(th);
      }

      @Override
      public void gradientOfLast(double[] gr) {
        sub.gradientOfLast(gr);
      }
    };
  }

  /** Whether the fused path is compiled; waits for its warm-up once (at most 1 s). */
  private boolean fusedReady() {
    if (!program.hasFusedMse()) return false;
    if (!fusedAwaited) {
      fusedAwaited = true;
      program.awaitFusedPath(1000);
    }
    return program.fusedReady();
  }

  private boolean fusedAwaited;

  /** L(θ) = (1/2n) Σ ‖y − f‖², writing ∇L into gradOut and the residual y − f into residual. */
  double loss(double[] fullTheta, double[] gradOut, double[] residual) {
    double[] f = output(fullTheta);
    double s = 0.0;
    for (int k = 0; k < f.length; k++) {
      double r = y[k] - f[k];
      residual[k] = r;
      s += r * r;
      seed[k] = -r / n;
    }
    if (gradOut != null) {
      program.backward(0, seed);
      program.paramGradient(gradOut);
    }
    return s / (2.0 * n);
  }
}
