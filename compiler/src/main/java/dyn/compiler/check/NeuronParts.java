package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.syntax.Expr;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one part of a {@code neuron} declaration: {@code P[i, :]}, {@code P[:, i]} or {@code u[i]}. */
final class NeuronParts {
  private NeuronParts() {}

  static ModelSpec.Part part(Expr p, String var, int count, Map<String, Integer> paramIndex,
      List<ParamSpec> params, Diagnostics diags) {
    String form = "a neuron part must be `P[" + var + ", :]` (row), `P[:, " + var
        + "]` (column) or `u[" + var + "]` (entry) of a parameter P";
    if (!(p instanceof Expr.Index) || !(((Expr.Index) p).target() instanceof Expr.Name)) {
      diags.error("bad-neuron-part", p.span(), form);
      return null;
    }
    Expr.Index ix = (Expr.Index) p;
    String name = ((Expr.Name) ix.target()).name();
    Integer index = paramIndex.get(name);
    if (index == null) {
      diags.error("bad-neuron-part", ix.target().span(), "`" + name + "` is not a parameter");
      return null;
    }
    ParamSpec spec = params.get(index);
    List<Optional<Expr>> is = ix.indices();
    ModelSpec.Slice slice;
    int have;
    String what;
    if (is.size() == 1 && isVar(is.get(0), var)) {
      if (spec.cols() != 1) {
        diags.error("bad-neuron-part", p.span(), "`" + name + "[" + var + "]` needs a vector, but `"
            + name + "` is " + Shapes.show(spec.rows(), spec.cols()));
        return null;
      }
      slice = ModelSpec.Slice.ENTRY;
      have = spec.rows();
      what = "entries";
    } else if (is.size() == 2 && isVar(is.get(0), var) && is.get(1).isEmpty()) {
      slice = ModelSpec.Slice.ROW;
      have = spec.rows();
      what = "rows";
    } else if (is.size() == 2 && is.get(0).isEmpty() && isVar(is.get(1), var)) {
      slice = ModelSpec.Slice.COLUMN;
      have = spec.cols();
      what = "columns";
    } else {
      diags.error("bad-neuron-part", p.span(), form);
      return null;
    }
    if (have != count) {
      diags.error("neuron-count", p.span(), "there are " + count + " neurons but `" + name + "` has "
          + have + " " + what);
      return null;
    }
    return new ModelSpec.Part(index, slice);
  }

  private static boolean isVar(Optional<Expr> e, String var) {
    return e.isPresent() && e.get() instanceof Expr.Name && ((Expr.Name) e.get()).name().equals(var);
  }
}
