package dyn.runtime.dynamics;

import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.Observable;
import dyn.compiler.plan.TrainStep;
import dyn.runtime.backend.CpuBackend;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.escape.EscapeFailure;
import dyn.runtime.escape.EscapeSolver;
import dyn.runtime.graph.Program;
import dyn.runtime.kernel.JacobianKernel;
import dyn.runtime.graph.ProgramFactory;
import dyn.runtime.loss.BarlowTwins;
import dyn.runtime.loss.Labels;
import dyn.runtime.model.FlatParams;
import dyn.runtime.model.FourierPower;
import dyn.runtime.model.LayerStats;
import dyn.runtime.model.NeuronNorms;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;

/**
 * Evaluates a train step's observables at θ and stores them by grid index. The grid is the
 * train's: every time it stops to record. An observable on a grid of its own is evaluated only at
 * its own times ({@link TrainStep#timesOf}), so a dense recording of one observable costs the
 * others nothing.
 */
final class Recorder {
  private final ModelSpec model;
  private final List<Observable> observables;
  /** rows[o][g]: the row of observable o that grid point g fills, or -1 where o is not due. */
  private final int[][] rows;
  /** values[o][row]: observable o at its own times. */
  private final double[][][] values;
  private final Objective train;
  private final Objective test;
  private final Program identity;
  private final int[][] shapes;
  private final int[] offsets;
  private final int fourierPeriod;
  /** k of {@code layer_singular_values(top = k)}. */
  private final int layerTop;
  /** The empirical NTK on the train inputs, when an NTK observable is recorded. */
  private final JacobianKernel ntk;
  /** y flattened in Θ's row order (sample-major), for the alignment. */
  private final double[] targets;
  /** Θ at the first recorded point (t = 0), the reference of kernel_distance. */
  private double[] ntkAtStart;
  /** Θ at the point being recorded, computed once for all three NTK observables. */
  private double[] ntkNow;
  /** θ̄* of escape_alignment, found from θ(0). */
  private double[] escapeDirection;
  /**
   * θ(0), the reference of kernel_distance and escape_alignment: a train's first recorded time
   * need not be 0 ({@code at linear(4000, 5000, 11)}).
   */
  private double[] theta0;
  /** Made at the first coherence evaluation. */
  private Coherence coherence;
  private final Dataset data;
  private final TrainStep.Loss loss;
  /** The objective on the two views, made at the first embedding_eigenvalues evaluation. */
  private Objective views;
  /** Made at the first sharpness evaluation (it holds the Lanczos vectors). */
  private Sharpness sharpness;
  /** Made at the first nc1 evaluation (it holds the features' program). */
  private NeuralCollapse collapse;

  /**
   * The rows of each observable of a step: observable o fills a row at grid point g when g's
   * time is among its own ({@link TrainStep#timesOf}).
   */
  static int[][] rows(TrainStep step) {
    List<Double> grid = step.times();
    int[][] rows = new int[step.observables().size()][grid.size()];
    for (int o = 0; o < rows.length; o++) {
      List<Double> own = step.timesOf(step.observables().get(o));
      int next = 0;
      for (int g = 0; g < grid.size(); g++) {
        boolean due = next < own.size() && own.get(next).equals(grid.get(g));
        rows[o][g] = due ? next++ : -1;
      }
    }
    return rows;
  }

  /**
   * @param rows rows[o][g]: the row of observable o at grid point g, -1 where it is not due
   *     ({@link #rows(TrainStep)})
   * @param fourierPeriod P of {@code fourier_power} when it is among the observables
   * @param layerTop k of {@code layer_singular_values} when it is among the observables
   * @param loss the train step's loss, which {@code test_loss} evaluates too
   * @throws TrainingFailure when the test labels do not fit the loss
   */
  Recorder(ModelSpec model, Dataset data, List<Observable> observables, int[][] rows,
      Objective train, int fourierPeriod, int layerTop, TrainStep.Loss loss)
      throws TrainingFailure {
    this.fourierPeriod = fourierPeriod;
    this.layerTop = layerTop;
    this.data = data;
    this.loss = loss;
    this.model = model;
    this.observables = observables;
    this.rows = rows;
    this.values = new double[observables.size()][][];
    for (int o = 0; o < rows.length; o++) {
      int count = 0;
      for (int r : rows[o]) if (r >= 0) count++;
      values[o] = new double[count][];
    }
    this.train = train;
    this.shapes = FlatParams.shapes(model);
    this.offsets = NeuronNorms.offsets(shapes);
    Objective testObjective = null;
    Program id = null;
    for (Observable o : observables) {
      if ((o == Observable.TEST_LOSS || o == Observable.TEST_ACCURACY) && testObjective == null) {
        Matrix xt = data.get("x_test").orElseThrow(() -> new IllegalStateException(
            o.scriptName() + " needs a dataset with x_test and y_test"));
        Matrix yt = data.get("y_test").orElseThrow(() -> new IllegalStateException(
            o.scriptName() + " needs a dataset with x_test and y_test"));
        Trainer.checkLabels(loss, model, yt, "y_test");
        testObjective = new Objective(model, xt.data, yt.data, xt.cols, ProgramFactory.CPU, false,
            loss, yt.rows);
      } else if (o == Observable.SINGULAR_VALUES) {
        if (!model.linearInX()) {
          throw new IllegalStateException(
              "singular_values needs a model linear in x; " + model.name() + " is not");
        }
        int d = model.inputDim();
        id = Program.compile(model.forward(), shapes, d, d, CpuBackend.INSTANCE);
        double[] eye = new double[d * d];
        for (int i = 0; i < d; i++) eye[i * d + i] = 1.0;
        id.setInput(eye);
      } else if (o == Observable.FOURIER_POWER && (model.neurons().isEmpty() || fourierPeriod < 1)) {
        throw new IllegalStateException("fourier_power needs a model with declared neurons and a period");
      } else if (o == Observable.NEURON_NORMS && model.neurons().isEmpty()) {
        throw new IllegalStateException("neuron_norms needs a model with declared neurons");
      }
    }
    this.test = testObjective;
    this.identity = id;
    boolean kernel = observables.contains(Observable.NTK_EIGENVALUES)
        || observables.contains(Observable.KERNEL_DISTANCE)
        || observables.contains(Observable.KERNEL_ALIGNMENT);
    Matrix x = data.get("x").orElseThrow();
    // A paired dataset may have no labels; only kernel_alignment reads them (refused there).
    Matrix y = data.get("y").orElse(new Matrix(0, x.cols));
    this.ntk = kernel ? new JacobianKernel(model, x.data, x.cols) : null;
    this.targets = new double[y.data.length];
    for (int c = 0; c < y.rows; c++) {
      for (int i = 0; i < y.cols; i++) targets[i * y.rows + c] = y.data[c * y.cols + i];
    }
  }

  /** Keeps θ(0) before training moves it. */
  void start(double[] theta) {
    theta0 = theta.clone();
  }

  /** Records every observable due at grid point g, at θ. */
  void record(int g, double[] theta) {
    record(g, theta, Double.NaN);
  }

  /**
   * As {@link #record(int, double[])}, where the caller already holds L(θ) with the bits that
   * {@link Objective#value} would give (NaN: not known, compute it). Saves a forward pass
   * per grid point where the pass is large.
   */
  void record(int g, double[] theta, double trainLoss) {
    ntkNow = null;
    for (int o = 0; o < observables.size(); o++) {
      int row = rows[o][g];
      if (row < 0) continue;
      Observable ob = observables.get(o);
      values[o][row] = ob == Observable.LOSS && !Double.isNaN(trainLoss)
          ? new double[] {trainLoss} : evaluate(ob, theta);
    }
  }

  private double[] evaluate(Observable o, double[] theta) {
    switch (o) {
      case LOSS:
        return new double[] {train.value(theta)};
      case TEST_LOSS:
        return new double[] {test.value(theta)};
      case SHARPNESS:
        if (sharpness == null) sharpness = new Sharpness(train, theta.length);
        return new double[] {sharpness.top(theta)};
      case COHERENCE:
        return new double[] {coherence(theta).alpha(theta)};
      case M_COHERENCE:
        return new double[] {coherence(theta).mCoherence(theta)};
      case NC1:
        return new double[] {collapse().at(theta)};
      case LAYER_NORMS:
        return LayerStats.norms(shapes, theta);
      case EFFECTIVE_RANK:
        return LayerStats.effectiveRanks(shapes, theta);
      case LAYER_SINGULAR_VALUES:
        return LayerStats.topSingularValues(shapes, theta, layerTop);
      case ACCURACY:
        return new double[] {accuracy(train, theta)};
      case TEST_ACCURACY:
        return new double[] {accuracy(test, theta)};
      case NEURON_NORMS:
        ModelSpec.Neurons neurons = model.neurons().get();
        double[] norms = new double[neurons.count()];
        NeuronNorms.compute(neurons, shapes, offsets, theta, norms);
        return norms;
      case SINGULAR_VALUES:
        identity.setParams(theta);
        identity.forward();
        DMatrixRMaj map = new DMatrixRMaj(model.outputDim(), model.inputDim(), true,
            identity.output(0).clone());
        double[] sv = SingularOps_DDRM.singularValues(map);
        Arrays.sort(sv);
        for (int i = 0, j = sv.length - 1; i < j; i++, j--) {
          double t = sv[i];
          sv[i] = sv[j];
          sv[j] = t;
        }
        return sv;
      case FOURIER_POWER:
        return FourierPower.compute(model.neurons().get(), shapes, offsets, theta, fourierPeriod);
      case NTK_EIGENVALUES:
        double[] ev = kernelEigenvalues(kernelAt(theta), ntk.size());
        return Arrays.copyOf(ev, Math.min(ev.length, Observable.NTK_EIGENVALUE_COUNT));
      case KERNEL_DISTANCE:
        return new double[] {JacobianKernel.distance(kernelAtStart(theta), kernelAt(theta))};
      case KERNEL_ALIGNMENT:
        return new double[] {JacobianKernel.alignment(kernelAt(theta), targets)};
      case EMBEDDING_EIGENVALUES:
        return embeddingEigenvalues(theta);
      case ESCAPE_ALIGNMENT:
        if (escapeDirection == null) escapeDirection = escapeDirectionFrom(startOr(theta));
        return new double[] {EscapeSolver.signedCosine(theta, escapeDirection)};
      case PARAM_NORM:
        double s = 0.0;
        for (double v : theta) s += v * v;
        return new double[] {Math.sqrt(s)};
      default:
        throw new IllegalStateException("unknown observable " + o);
    }
  }

  /**
   * Eigenvalues of the embeddings' cross-correlation C over the two views (BarlowTwins), by the
   * train's own objective when its loss is paired (it already runs on [x | x′]), else by one
   * made for the purpose.
   */
  private double[] embeddingEigenvalues(double[] theta) {
    if (views == null) {
      if (loss.paired()) {
        views = train;
      } else {
        Matrix stacked = Trainer.trainingInputs(TrainStep.Loss.BARLOW_TWINS, data);
        views = new Objective(model, stacked.data, new double[0], stacked.cols,
            ProgramFactory.CPU, false, TrainStep.Loss.BARLOW_TWINS, 0);
      }
    }
    int c = model.outputDim();
    double[] corr = new double[c * c];
    BarlowTwins.crossCorrelation(views.output(theta), c, views.batchSize(), corr);
    return kernelEigenvalues(corr, c);
  }

  /**
   * The critical point of the escape speed that the gradient flow of s on the sphere reaches
   * from θ(0)/‖θ(0)‖ ({@link EscapeSolver#follow}): the direction the small-init flow from this
   * θ(0) should leave the origin along. Hidden units can be permuted without changing f, so the
   * best of several restarts ({@code escape(…)}) may be the same direction up to a permutation;
   * following the flow's small steps from θ(0), the ascent stays in θ(0)'s basin.
   */
  private double[] escapeDirectionFrom(double[] theta0) {
    try {
      return EscapeSolver.of(model, data, 0).follow(theta0).direction();
    } catch (EscapeFailure e) {
      throw new IllegalStateException("escape_alignment: " + e.getMessage());
    }
  }

  private double[] kernelAt(double[] theta) {
    if (ntkNow == null) ntkNow = ntk.at(theta);
    return ntkNow;
  }

  /** Θ_0: the kernel at θ(0), computed once (and not twice when t = 0 is recorded). */
  private double[] kernelAtStart(double[] theta) {
    if (ntkAtStart == null) {
      double[] start = startOr(theta);
      ntkAtStart = Arrays.equals(start, theta) ? kernelAt(theta) : ntk.at(start);
    }
    return ntkAtStart;
  }

  /** θ(0), or θ itself for a recorder that was not told where training started. */
  private double[] startOr(double[] theta) {
    return theta0 != null ? theta0 : theta;
  }

  /** Eigenvalues of a symmetric matrix, descending. */
  static double[] kernelEigenvalues(double[] symmetric, int n) {
    org.ejml.interfaces.decomposition.EigenDecomposition_F64<DMatrixRMaj> dec =
        org.ejml.dense.row.factory.DecompositionFactory_DDRM.eig(n, false, true);
    if (!dec.decompose(new DMatrixRMaj(n, n, true, symmetric))) {
      throw new IllegalStateException("the eigensolver did not converge on the empirical NTK");
    }
    double[] ev = new double[n];
    for (int i = 0; i < n; i++) ev[i] = dec.getEigenvalue(i).getReal();
    Arrays.sort(ev);
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      double t = ev[i];
      ev[i] = ev[j];
      ev[j] = t;
    }
    return ev;
  }

  private Coherence coherence(double[] theta) {
    if (coherence == null) {
      Matrix x = data.get("x").orElseThrow();
      Matrix y = data.get("y").orElseThrow();
      coherence = new Coherence(model, x.data, y.data, x.rows, y.rows, x.cols, loss, theta.length);
    }
    return coherence;
  }

  private NeuralCollapse collapse() {
    if (collapse == null) {
      Matrix x = data.get("x").orElseThrow();
      Matrix y = data.get("y").orElseThrow();
      collapse = new NeuralCollapse(model, x.data, x.cols,
          Labels.classes(y.data, y.rows, model.outputDim(), y.cols));
    }
    return collapse;
  }

  private double accuracy(Objective on, double[] theta) {
    double[] f = on.output(theta);
    int n = on.batchSize();
    return Labels.accuracy(f, model.outputDim(), on.labels(), on.labels().length / n, n);
  }

  /** The series of the first {@code reached} grid points: each observable's rows among them. */
  Map<Observable, double[][]> series(int reached) {
    Map<Observable, double[][]> out = new LinkedHashMap<>();
    for (int o = 0; o < observables.size(); o++) {
      int count = 0;
      for (int g = 0; g < reached; g++) if (rows[o][g] >= 0) count++;
      out.put(observables.get(o), Arrays.copyOf(values[o], count));
    }
    return out;
  }
}
