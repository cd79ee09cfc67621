package dyn.runtime.model;

import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.ParamSpec;
import dyn.runtime.backend.Matrix;
import dyn.runtime.data.Dataset;
import dyn.runtime.random.CounterRng;
import dyn.runtime.ssl.ViewCorrelation;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Draws θ(0) for a model step.
 *
 * <ul>
 *   <li>DECLARED: parameter p is drawn from its {@link ParamSpec.Distribution} with the counter
 *       stream {@code CounterRng.derive(seed, p)}, entry k (row-major) from normal k or uniform
 *       k of that stream, and multiplied by the scale and by the parameter's parametrization
 *       init multiplier ({@link ParamSpec.Scaling#init()}, exactly 1 under {@code standard}).
 *   <li>BALANCED: DECLARED, then each neuron's part slices are rescaled to the common norm
 *       ‖θ_i‖/√parts, keeping ‖θ_i‖ and each slice's direction.
 *   <li>ALIGNED: a two-layer linear model with neurons [W1 ROW, W2 COLUMN] gets the decoupled
 *       init of Saxe et al.: with T = U S Vᵀ (singular values descending, k = min(width, rank T)
 *       modes), W1 = R diag(a) Vᵀ and W2 = U diag(a) Rᵀ where R embeds the first k neurons and
 *       every a_α = scale, so each mode starts at strength u = scale².
 *   <li>ALIGNED to a paired dataset (one with a second view x2 and no teacher): a linear
 *       embedding f(x) = W x gets the aligned init of reference §5, W = scale·(e_1 … e_d)ᵀ with
 *       e_j the top d eigenvectors of the view correlation Γ ({@link ViewCorrelation}).
 * </ul>
 */
public final class Initializer {
  private Initializer() {}

  /**
   * Draws the initial parameters.
   *
   * @param step the model step (spec and init rule)
   * @param alignedTo the dataset named by {@code step.init().alignedTo()}, or null when unused
   */
  public static Parameters draw(ModelStep step, Dataset alignedTo) {
    InitSpec init = step.init();
    ModelSpec model = step.model();
    switch (init.kind()) {
      case DECLARED:
        return declared(model, init);
      case BALANCED:
        return balanced(model, declared(model, init));
      case ALIGNED:
        if (alignedTo == null) {
          throw new IllegalArgumentException("aligned init needs the dataset it is aligned to");
        }
        return aligned(model, init.scale(), alignedTo);
      default:
        throw new IllegalArgumentException("unknown init " + init.kind());
    }
  }

  /**
   * Draws θ(0) for a model with a DECLARED or BALANCED rule (ALIGNED needs its dataset: use
   * {@link #draw(ModelStep, Dataset)}); a coordinate check draws each width's model this way.
   */
  public static Parameters draw(ModelSpec model, InitSpec init) {
    if (init.kind() == InitSpec.Kind.ALIGNED) {
      throw new IllegalArgumentException("aligned init needs the dataset it is aligned to");
    }
    Parameters declared = declared(model, init);
    return init.kind() == InitSpec.Kind.BALANCED ? balanced(model, declared) : declared;
  }

  private static Parameters declared(ModelSpec model, InitSpec init) {
    List<Matrix> values = new ArrayList<>();
    for (int p = 0; p < model.params().size(); p++) {
      ParamSpec ps = model.params().get(p);
      long stream = CounterRng.derive(init.seed(), p);
      Matrix m = new Matrix(ps.rows(), ps.cols());
      ParamSpec.Distribution dist = ps.init();
      for (int k = 0; k < m.data.length; k++) {
        double v;
        if (dist instanceof ParamSpec.Distribution.Normal) {
          ParamSpec.Distribution.Normal nd = (ParamSpec.Distribution.Normal) dist;
          v = nd.mean() + Math.sqrt(nd.variance()) * CounterRng.normal(stream, k);
        } else if (dist instanceof ParamSpec.Distribution.Uniform) {
          ParamSpec.Distribution.Uniform u = (ParamSpec.Distribution.Uniform) dist;
          v = u.lo() + (u.hi() - u.lo()) * CounterRng.uniform(stream, k);
        } else {
          v = ((ParamSpec.Distribution.Constant) dist).value();
        }
        m.data[k] = init.scale() * v * ps.scaling().init();
      }
      values.add(m);
    }
    return new Parameters(values);
  }

  private static Parameters balanced(ModelSpec model, Parameters drawn) {
    ModelSpec.Neurons neurons =
        model.neurons().orElseThrow(() -> new IllegalArgumentException(
            "balanced init needs a neuron decomposition; model " + model.name() + " has none"));
    int[][] shapes = FlatParams.shapes(model);
    int[] offsets = NeuronNorms.offsets(shapes);
    double[] theta = FlatParams.flatten(drawn);
    int parts = neurons.parts().size();
    for (int i = 0; i < neurons.count(); i++) {
      double total = NeuronNorms.squaredPart(neurons.parts(), shapes, offsets, theta, i, -1);
      double target = Math.sqrt(total / parts);
      for (int q = 0; q < parts; q++) {
        double norm = Math.sqrt(NeuronNorms.squaredPart(neurons.parts(), shapes, offsets, theta, i, q));
        // A zero slice has no direction to keep; it stays zero (and the neuron unbalanced).
        if (norm == 0.0) continue;
        ModelSpec.Part part = neurons.parts().get(q);
        int[] sh = shapes[part.param()];
        int len = NeuronNorms.sliceLength(part.slice(), sh);
        for (int k = 0; k < len; k++) {
          theta[NeuronNorms.index(part.slice(), sh, offsets[part.param()], i, k)] *= target / norm;
        }
      }
    }
    return FlatParams.unflatten(model, theta);
  }

  private static Parameters aligned(ModelSpec model, double scale, Dataset data) {
    if (data.get("teacher").isEmpty() && data.get("x2").isPresent()) {
      return alignedToViews(model, scale, data);
    }
    ModelSpec.Neurons neurons = model.neurons().orElse(null);
    if (neurons == null
        || !model.linearInX()
        || model.params().size() != 2
        || neurons.parts().size() != 2
        || neurons.parts().get(0).slice() != ModelSpec.Slice.ROW
        || neurons.parts().get(1).slice() != ModelSpec.Slice.COLUMN) {
      throw new IllegalArgumentException(
          "aligned init needs a two-layer linear model f = W2 W1 x with neurons"
              + " [W1[i, :], W2[:, i]]; model " + model.name() + " is not one");
    }
    Matrix t = data.get("teacher").orElseThrow(() -> new IllegalArgumentException(
        "aligned init needs a dataset with a `teacher` output"));
    int p1 = neurons.parts().get(0).param();
    int p2 = neurons.parts().get(1).param();
    ParamSpec w1 = model.params().get(p1);
    ParamSpec w2 = model.params().get(p2);
    int width = neurons.count();
    if (w1.rows() != width || w2.cols() != width || w1.cols() != t.cols || w2.rows() != t.rows) {
      throw new IllegalArgumentException(
          "aligned init: W1 " + w1.rows() + "×" + w1.cols() + " and W2 " + w2.rows() + "×"
              + w2.cols() + " do not fit a " + t.rows + "×" + t.cols + " teacher with width "
              + width);
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(t.rows, t.cols, true, true, true);
    if (!svd.decompose(new DMatrixRMaj(t.rows, t.cols, true, t.data))) {
      throw new IllegalStateException("SVD of the teacher failed");
    }
    DMatrixRMaj u = svd.getU(null, false);
    DMatrixRMaj w = svd.getW(null);
    DMatrixRMaj v = svd.getV(null, false);
    SingularOps_DDRM.descendingOrder(u, false, w, v, false);
    int rank = 0;
    double top = w.get(0, 0);
    for (int a = 0; a < Math.min(w.numRows, w.numCols); a++) if (w.get(a, a) > 1e-12 * top) rank++;
    int modes = Math.min(width, rank);
    Matrix m1 = new Matrix(w1.rows(), w1.cols());
    Matrix m2 = new Matrix(w2.rows(), w2.cols());
    for (int a = 0; a < modes; a++) {
      for (int j = 0; j < t.cols; j++) m1.set(a, j, scale * v.get(j, a));
      for (int i = 0; i < t.rows; i++) m2.set(i, a, scale * u.get(i, a));
    }
    List<Matrix> values = new ArrayList<>(List.of(new Matrix(0, 0), new Matrix(0, 0)));
    values.set(p1, m1);
    values.set(p2, m2);
    return new Parameters(values);
  }

  /** W = scale·(e_1 … e_d)ᵀ for the one tensor W (d × m) of a linear embedding. */
  private static Parameters alignedToViews(ModelSpec model, double scale, Dataset data) {
    if (model.params().size() != 1 || !model.linearInX()) {
      throw new IllegalArgumentException("aligned init on paired views needs a linear embedding"
          + " f(x) = W x; model " + model.name() + " is not one");
    }
    ParamSpec w = model.params().get(0);
    ViewCorrelation g = ViewCorrelation.of(data);
    if (w.cols() != g.gamma().length || w.rows() > w.cols()) {
      throw new IllegalArgumentException("aligned init: W is " + w.rows() + "×" + w.cols()
          + " but the views have dimension " + g.gamma().length);
    }
    Matrix m = new Matrix(w.rows(), w.cols());
    for (int j = 0; j < w.rows(); j++) {
      for (int i = 0; i < w.cols(); i++) m.set(j, i, scale * g.vectors()[j][i]);
    }
    return new Parameters(List.of(m));
  }
}
