package dyn.runtime.exec;

import dyn.compiler.plan.KernelHeatmapSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.TheoryStep;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.graph.Program;
import dyn.runtime.kernel.JacobianKernel;
import dyn.runtime.kernel.LinearizedDynamics;
import dyn.runtime.model.FlatParams;
import dyn.runtime.model.Parameters;
import dyn.runtime.kernel.Eigenframework;
import dyn.runtime.kernel.GaussianExpectations;
import dyn.runtime.kernel.InfiniteWidthKernel;
import dyn.runtime.kernel.RandomFeatureRisk;
import dyn.runtime.sink.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Runs one kernel-theory prediction ({@link TheoryStep}) and returns its series: the risks as one
 * value at t = 0, a kernel's Gram eigenvalues descending with the mode index i = 1 … n on the
 * time axis (so a log–log plot of them is the spectrum).
 */
final class TheoryPredictions {
  private TheoryPredictions() {}

  static Map<Observable, Series> run(TheoryStep step, Plan plan, Map<Integer, Dataset> datasets,
      Map<Integer, Parameters> thetas) {
    TheoryStep.Theory t = step.theory();
    Map<Observable, Series> out = new LinkedHashMap<>();
    if (t instanceof TheoryStep.Linearized) {
      TheoryStep.Linearized l = (TheoryStep.Linearized) t;
      linearized(step, l, plan.step(l.model(), ModelStep.class).model(),
          FlatParams.flatten(thetas.get(l.model())), datasets.get(l.data()), out);
    } else if (t instanceof TheoryStep.Kernel) {
      TheoryStep.Kernel k = (TheoryStep.Kernel) t;
      Matrix x = input(datasets.get(k.data()), "x");
      double[] gram = kernel(k, x.data, x.rows, x.cols, plan, thetas);
      double[] eig = eigen(gram, x.cols).values;
      List<Double> index = new ArrayList<>();
      double[][] values = new double[eig.length][];
      for (int i = 0; i < eig.length; i++) {
        index.add((double) (i + 1));
        values[i] = new double[] {eig[i]};
      }
      out.put(Observable.EIGENVALUES, new Series(step.name(), Observable.EIGENVALUES, index, values));
    } else if (t instanceof TheoryStep.Krr) {
      krr(step, (TheoryStep.Krr) t, datasets.get(((TheoryStep.Krr) t).data()), plan, thetas, out);
    } else {
      TheoryStep.Eigenframework e = (TheoryStep.Eigenframework) t;
      double[] lambda;
      double[] v;
      if (e.spectrum() instanceof TheoryStep.Spectrum.Measured) {
        TheoryStep.Kernel k = ((TheoryStep.Spectrum.Measured) e.spectrum()).kernel();
        double[][] measured = measuredSpectrum(k, datasets.get(k.data()), plan, thetas);
        lambda = measured[0];
        v = measured[1];
      } else {
        lambda = e.spectrum().values();
        v = e.target().values();
      }
      if (e.features().isPresent()) {
        RandomFeatureRisk.Result r = RandomFeatureRisk.solve(lambda, v, e.noise(), e.samples(),
            e.features().get(), e.ridge());
        point(out, step, Observable.TEST_MSE, r.testMse());
        point(out, step, Observable.KAPPA, r.kappa());
        point(out, step, Observable.E0, r.e0());
      } else {
        Eigenframework.Result r = Eigenframework.solve(lambda, v, e.noise(), e.samples(), e.ridge());
        point(out, step, Observable.TEST_MSE, r.testMse());
        point(out, step, Observable.TRAIN_MSE, r.trainMse());
        point(out, step, Observable.KAPPA, r.kappa());
        point(out, step, Observable.E0, r.e0());
        point(out, step, Observable.LEARNABILITY, r.targetLearnability());
      }
    }
    return out;
  }

  /**
   * A kernel's Gram matrix on its data's train inputs as a table keyed by (i, j) = 1 … N, the
   * one column named for the figure's caption.
   */
  static dyn.runtime.sweep.ResultTable gramTable(KernelHeatmapSpec h, Dataset data) {
    return gramTable(h, data, null, Map.of());
  }

  /** {@link #gramTable(KernelHeatmapSpec, Dataset)}, with the θ(0)s an empirical kernel needs. */
  static dyn.runtime.sweep.ResultTable gramTable(KernelHeatmapSpec h, Dataset data, Plan plan,
      Map<Integer, Parameters> thetas) {
    Matrix x = input(data, "x");
    int n = x.cols;
    double[] k = kernel(h.kernel(), x.data, x.rows, n, plan, thetas);
    List<dyn.runtime.sweep.ResultTable.Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        rows.add(new dyn.runtime.sweep.ResultTable.Row(new double[] {i + 1, j + 1},
            new double[] {k[i * n + j]}));
      }
    }
    return new dyn.runtime.sweep.ResultTable(List.of("i", "j"),
        List.of(h.name() + " (" + h.kernel().method() + ")"), rows);
  }

  /**
   * The kernel's integral-operator spectrum under the empirical measure of its data's N train
   * inputs, and the labels' coefficients in its eigenbasis: λ_i = μ_i/N, v_i = u_iᵀy/√N for the
   * Gram matrix K = U diag(μ) Uᵀ. Round-off negatives (|μ| ~ 1e-16·μ_1) are taken as 0.
   */
  static double[][] measuredSpectrum(TheoryStep.Kernel k, Dataset data, Plan plan,
      Map<Integer, Parameters> thetas) {
    Matrix x = input(data, "x");
    Matrix y = input(data, "y");
    int n = x.cols;
    Eigen e = eigen(kernel(k, x.data, x.rows, n, plan, thetas), n);
    double[] lambda = new double[n];
    double[] v = new double[n];
    double top = 0;
    for (double value : e.values) top = Math.max(top, Math.abs(value));
    for (int j = 0; j < n; j++) {
      // Modes the Gram matrix does not resolve are zero, as krr drops them: a rank-2 kernel's
      // round-off eigenvalues (±1e-15) counted as modes gave e0 = 7.7 where E0 = n/(n − 2).
      lambda[j] = e.values[j] > 1e-12 * top ? e.values[j] / n : 0;
      double s = 0;
      for (int i = 0; i < n; i++) s += e.vectors[i * n + j] * y.data[i];
      v[j] = s / Math.sqrt(n);
    }
    return new double[][] {lambda, v};
  }

  /**
   * f = k(x*, X)(K + δI)⁻¹y through the eigendecomposition of K, so a singular Gram matrix at
   * δ = 0 gives the minimum-norm interpolant instead of a failed solve. MSEs have no ½ (as the
   * eigenframework's).
   */
  private static void krr(TheoryStep step, TheoryStep.Krr r, Dataset data, Plan plan,
      Map<Integer, Parameters> thetas, Map<Observable, Series> out) {
    Matrix x = input(data, "x");
    Matrix xt = input(data, "x_test");
    Matrix y = input(data, "y");
    Matrix yt = input(data, "y_test");
    int n = x.cols;
    int m = xt.cols;
    int d = x.rows;
    double[] all = new double[d * (n + m)];
    for (int row = 0; row < d; row++) {
      System.arraycopy(x.data, row * n, all, row * (n + m), n);
      System.arraycopy(xt.data, row * m, all, row * (n + m) + n, m);
    }
    double[] k = kernel(r.spec(), all, d, n + m, plan, thetas);
    double[] train = InfiniteWidthKernel.Kernels.block(k, n + m, 0, n, 0, n);
    double[] cross = InfiniteWidthKernel.Kernels.block(k, n + m, n, m, 0, n);
    Eigen e = eigen(train, n);
    double top = e.values.length == 0 ? 0 : Math.abs(e.values[0]);
    // α = U diag(1/(λ + δ)) Uᵀ y, dropping modes the Gram matrix does not resolve at δ = 0.
    double[] coef = new double[n];
    for (int j = 0; j < n; j++) {
      double lam = e.values[j] + r.ridge();
      if (lam <= 1e-12 * Math.max(top, 1e-300)) continue;
      double proj = 0;
      for (int i = 0; i < n; i++) proj += e.vectors[i * n + j] * y.data[i];
      proj /= lam;
      for (int i = 0; i < n; i++) coef[i] += e.vectors[i * n + j] * proj;
    }
    double trainErr = 0;
    for (int i = 0; i < n; i++) {
      double f = 0;
      for (int j = 0; j < n; j++) f += train[i * n + j] * coef[j];
      trainErr += (y.data[i] - f) * (y.data[i] - f);
    }
    double testErr = 0;
    for (int i = 0; i < m; i++) {
      double f = 0;
      for (int j = 0; j < n; j++) f += cross[i * n + j] * coef[j];
      testErr += (yt.data[i] - f) * (yt.data[i] - f);
    }
    point(out, step, Observable.TEST_MSE, testErr / m);
    point(out, step, Observable.TRAIN_MSE, trainErr / n);
  }

  /**
   * The linearized model's losses on the trains' times, from f_0 at the model's θ(0) and its
   * empirical Θ_0 there, or the infinite-width NTK for a {@code limit}.
   */
  private static void linearized(TheoryStep step, TheoryStep.Linearized l, ModelSpec model,
      double[] theta0, Dataset data, Map<Observable, Series> out) {
    Matrix x = input(data, "x");
    Matrix y = input(data, "y");
    Matrix xt = data.get("x_test").orElse(new Matrix(x.rows, 0));
    Matrix yt = data.get("y_test").orElse(new Matrix(y.rows, 0));
    int n = x.cols;
    int nt = l.hasTest() ? xt.cols : 0;
    int c = y.rows;
    int d = x.rows;
    double[] all = new double[d * (n + nt)];
    for (int row = 0; row < d; row++) {
      System.arraycopy(x.data, row * n, all, row * (n + nt), n);
      System.arraycopy(xt.data, row * xt.cols, all, row * (n + nt) + n, nt);
    }
    boolean empirical = !l.ensemble() && l.limit().isEmpty();
    JacobianKernel jacobian = empirical ? new JacobianKernel(model, all, n + nt) : null;
    double[] empiricalKernel = empirical ? jacobian.at(theta0) : null;
    // The Jacobian-free route ran the model forward on these inputs already.
    double[] ran = empirical ? jacobian.lastOutput() : null;
    double[] f = ran != null ? ran : outputs(model, theta0, all, d, n + nt);
    int rows = (n + nt) * c;
    double[] f0 = new double[rows];
    double[] target = new double[rows];
    for (int i = 0; i < n + nt; i++) {
      for (int k = 0; k < c; k++) {
        f0[i * c + k] = f[k * (n + nt) + i];
        target[i * c + k] = i < n ? y.data[k * n + i] : yt.data[k * nt + (i - n)];
      }
    }
    double[] times = l.times().stream().mapToDouble(Double::doubleValue).toArray();
    LinearizedDynamics.Losses losses;
    if (l.ensemble()) {
      // Averaged over infinitely wide nets: f_0 ~ N(0, K ⊗ I) instead of the model's own f_0.
      InfiniteWidthKernel.Kernels both = kernels(l.limit().get(), all, d, n + nt);
      losses = LinearizedDynamics.ensemble(perOutput(both.ntk(), n + nt, c),
          perOutput(both.nngp(), n + nt, c), target, n * c, n, nt, l.lr().orElse(Double.NaN),
          times);
    } else {
      double[] kernel = empirical ? empiricalKernel
          : perOutput(kernel(l.limit().get(), all, d, n + nt), n + nt, c);
      losses = LinearizedDynamics.solve(kernel, f0, target, n * c, n, nt,
          l.lr().orElse(Double.NaN), times);
    }
    out.put(Observable.LOSS, series(step, Observable.LOSS, l.times(), losses.train()));
    if (l.hasTest()) {
      out.put(Observable.TEST_LOSS, series(step, Observable.TEST_LOSS, l.times(), losses.test()));
    }
  }

  /** The model's outputs (c×count, row-major) at θ on the columns of x (d×count). */
  private static double[] outputs(ModelSpec model, double[] theta, double[] x, int d, int count) {
    // Generic: a forward pass alone has no use for the fused training path or its warm-up.
    Program forward = Program.compileGeneric(model.forward(), FlatParams.shapes(model), d, count,
        CpuBackend.INSTANCE);
    forward.setParams(theta);
    forward.setInput(x);
    forward.forward();
    return forward.output(0);
  }

  /**
   * Θ ⊗ I_c on sample-major rows (sample i, output a is row i·c + a): the infinite-width NTK
   * couples no two outputs, since the output layer's rows are independent.
   */
  static double[] perOutput(double[] theta, int samples, int c) {
    if (c == 1) return theta;
    int rows = samples * c;
    double[] out = new double[rows * rows];
    for (int i = 0; i < samples; i++) {
      for (int j = 0; j < samples; j++) {
        for (int a = 0; a < c; a++) out[(i * c + a) * rows + j * c + a] = theta[i * samples + j];
      }
    }
    return out;
  }

  private static Series series(TheoryStep step, Observable o, List<Double> times, double[] v) {
    double[][] values = new double[v.length][];
    for (int i = 0; i < v.length; i++) values[i] = new double[] {v[i]};
    return new Series(step.name(), o, times, values);
  }

  /**
   * The kernel's Gram matrix on the columns of x (d×count): the closed form, or for an
   * {@code empirical_ntk} the model's J M Jᵀ at its θ(0) (by the observables' Jacobian route).
   */
  static double[] kernel(TheoryStep.Kernel k, double[] x, int d, int count, Plan plan,
      Map<Integer, Parameters> thetas) {
    if (!k.empirical()) return kernel(k, x, d, count);
    ModelSpec model = plan.step(k.model(), ModelStep.class).model();
    return new JacobianKernel(model, x, count).at(FlatParams.flatten(thetas.get(k.model())));
  }

  /** An infinite-width kernel's Gram matrix (wave2.md §1 recursions). */
  static double[] kernel(TheoryStep.Kernel k, double[] x, int d, int count) {
    InfiniteWidthKernel.Kernels both = kernels(k, x, d, count);
    return k.kind() == TheoryStep.Kind.NTK ? both.ntk() : both.nngp();
  }

  /** Both infinite-width kernels of k's model (one recursion gives the NNGP and the NTK). */
  static InfiniteWidthKernel.Kernels kernels(TheoryStep.Kernel k, double[] x, int d, int count) {
    if (k.empirical()) throw new IllegalArgumentException("an empirical kernel needs its θ(0)");
    List<InfiniteWidthKernel.Layer> layers = new ArrayList<>();
    for (TheoryStep.KernelLayer l : k.layers()) {
      layers.add(new InfiniteWidthKernel.Layer(l.weightVariance(), 0, l.weightRate(), 0,
          l.activation().map(TheoryPredictions::expectations).orElse(null)));
    }
    return InfiniteWidthKernel.of(layers, x, d, count, k.outputScale());
  }

  static GaussianExpectations expectations(Op.UnaryFn fn) {
    switch (fn) {
      case LINEAR: return GaussianExpectations.LINEAR;
      case RELU: return GaussianExpectations.RELU;
      case SQUARE: return GaussianExpectations.SQUARE;
      default: throw new IllegalArgumentException("no closed form for " + fn);
    }
  }

  /** Eigenvalues descending, eigenvectors as the columns of a row-major n×n array. */
  record Eigen(double[] values, double[] vectors) {}

  static Eigen eigen(double[] symmetric, int n) {
    EigenDecomposition_F64<DMatrixRMaj> dec = DecompositionFactory_DDRM.eig(n, true, true);
    if (!dec.decompose(new DMatrixRMaj(n, n, true, symmetric))) {
      throw new IllegalStateException("the eigensolver did not converge on the " + n + "×" + n
          + " kernel matrix");
    }
    Integer[] order = new Integer[n];
    double[] raw = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      raw[i] = dec.getEigenvalue(i).getReal();
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(raw[b], raw[a]));
    double[] values = new double[n];
    double[] vectors = new double[n * n];
    for (int j = 0; j < n; j++) {
      values[j] = raw[order[j]];
      DMatrixRMaj v = dec.getEigenVector(order[j]);
      for (int i = 0; i < n; i++) vectors[i * n + j] = v.get(i, 0);
    }
    return new Eigen(values, vectors);
  }

  private static Matrix input(Dataset data, String name) {
    return data.get(name).orElseThrow(
        () -> new IllegalStateException("the dataset has no `" + name + "`"));
  }

  private static void point(Map<Observable, Series> out, TheoryStep step, Observable o, double v) {
    out.put(o, new Series(step.name(), o, List.of(0.0), new double[][] {{v}}));
  }
}
