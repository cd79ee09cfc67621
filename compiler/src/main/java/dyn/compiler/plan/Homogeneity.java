package dyn.compiler.plan;

/**
 * The degree L with f(x; cθ) = c^L f(x; θ) for every c &gt; 0, read off a model's forward graph, or
 * the reason there is none. Escape directions (reference §2.3) are defined for such models only:
 * near θ = 0 the loss is L(0) − ρ^L s(θ̄) + …, which needs one degree for the whole output.
 *
 * <p>Each node gets a degree in θ: the input and constants 0, a parameter 1; products add
 * degrees; sums need equal ones (a bias after the first layer adds a lower-degree term); relu,
 * linear and negation keep the degree (they are positively homogeneous of degree 1); square and
 * constant powers multiply it; any other function of a θ-dependent value has no degree.
 */
public final class Homogeneity {
  private Homogeneity() {}

  /**
   * The outcome.
   *
   * @param degree L (meaningful when {@code problem} is null)
   * @param problem why f has no single degree in θ, or null
   */
  public record Result(double degree, String problem) {
    /** True when f is positively homogeneous in θ. */
    public boolean homogeneous() {
      return problem == null;
    }

    /**
     * Why θ = 0 is not a saddle left along a direction, or null: that needs one whole degree
     * L ≥ 2 (degree 1, a linear model, has a nonzero gradient at the origin).
     */
    public String originSaddleProblem() {
      if (problem != null) return problem;
      if (degree < 2 || degree != Math.rint(degree)) {
        return "it is homogeneous of degree " + show(degree) + " in θ, and the origin is a saddle"
            + " only for a whole degree ≥ 2 (a linear model's loss has a nonzero gradient there)";
      }
      return null;
    }
  }

  /** The degree of the graph's output 0 in its parameters. */
  public static Result of(Graph g) {
    double[] deg = new double[g.nodes().size()];
    for (int i = 0; i < deg.length; i++) {
      Op op = g.nodes().get(i).op();
      String problem = null;
      if (op instanceof Op.Param) {
        deg[i] = 1;
      } else if (op instanceof Op.MatMul) {
        deg[i] = deg[((Op.MatMul) op).a()] + deg[((Op.MatMul) op).b()];
      } else if (op instanceof Op.Binary) {
        Op.Binary b = (Op.Binary) op;
        double da = deg[b.a()];
        double db = deg[b.b()];
        switch (b.fn()) {
          case MUL:
            deg[i] = da + db;
            break;
          case DIV:
            deg[i] = da - db;
            break;
          default: // ADD, SUB
            if (da != db) {
              problem = "it adds a term of degree " + show(Math.min(da, db)) + " in θ to one of"
                  + " degree " + show(Math.max(da, db)) + " (a bias or constant after the first"
                  + " layer)";
            }
            deg[i] = da;
        }
      } else if (op instanceof Op.Unary) {
        Op.Unary u = (Op.Unary) op;
        double da = deg[u.a()];
        switch (u.fn()) {
          case NEG:
          case LINEAR:
          case RELU:
          case ABS:
            deg[i] = da;
            break;
          case SQUARE:
            deg[i] = 2 * da;
            break;
          default:
            if (da != 0) {
              problem = "its activation `" + u.fn().name().toLowerCase(java.util.Locale.ROOT)
                  + "` is not positively homogeneous";
            }
            deg[i] = 0;
        }
      } else if (op instanceof Op.Power) {
        deg[i] = deg[((Op.Power) op).a()] * ((Op.Power) op).exponent();
      } else if (op instanceof Op.Concat) {
        Op.Concat c = (Op.Concat) op;
        double d0 = deg[c.parts().get(0)];
        for (int p : c.parts()) {
          if (deg[p] != d0) problem = "it stacks parts of different degrees in θ";
        }
        deg[i] = d0;
      } else if (!op.inputs().isEmpty()) {
        deg[i] = deg[op.inputs().get(0)]; // transpose, sum, slice: linear in their operand
      } // input and constants: degree 0
      if (problem != null) return new Result(Double.NaN, problem);
    }
    return new Result(deg[g.outputs().get(0)], null);
  }

  private static String show(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
