package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.CoordCheckSpec;
import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ReportStep;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.resolve.Program;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks {@code report coord_check(MODEL, DATA, widths = […], steps = K, lr = η)} and
 * re-instantiates the model's definition at each width: same call arguments, same
 * parametrization, scale and seed, with the header {@code width} fixed to each value.
 */
public final class CoordChecks {
  /** Widths when the script gives none: the μP coord check's usual 64 … 1024. */
  static final List<Integer> DEFAULT_WIDTHS = List.of(64, 128, 256, 512, 1024);

  private final Program program;
  private final Diagnostics diags;
  private final Map<String, Value> top;
  private final Instances instances;

  public CoordChecks(Program program, Map<String, Value> top, Instances instances) {
    this.program = program;
    this.diags = program.main().diags();
    this.top = top;
    this.instances = instances;
  }

  /** True when the report is a coordinate check (handled here, not by {@link Outputs}). */
  public static boolean handles(Stmt.Report r) {
    return r.call().callee().name().equals("coord_check");
  }

  /** The report step, or empty (reported). */
  public Optional<ReportStep> report(Stmt.Report r, int id,
      Map<String, Instances.ModelInfo> models, Map<String, Instances.DataInfo> data) {
    Expr.Call c = r.call();
    Map<String, Expr.Arg> bound = ArgBinder.bind(c, Builtins.COORD_CHECK_KEYS, "coord_check", diags);
    boolean ok = ArgBinder.require(bound, "model", c, diags);
    ok &= ArgBinder.require(bound, "data", c, diags);
    ok &= ArgBinder.require(bound, "lr", c, diags);
    if (!ok) return Optional.empty();
    Instances.ModelInfo model = named(bound.get("model").value(), models);
    Instances.DataInfo dataInfo = named(bound.get("data").value(), data);
    Evaluator at = Evaluator.scalars(diags, top);
    Double lr = Checks.positive(at, bound.get("lr").value(), "the learning rate", diags);
    Integer steps = 3;
    if (bound.containsKey("steps")) steps = at.count(bound.get("steps").value(), "steps", 1);
    List<Integer> widths = widths(at, bound.get("widths"));
    if (model == null || dataInfo == null || lr == null || steps == null || widths == null) {
      return Optional.empty();
    }
    Stmt.Instance stmt = model.stmt();
    Program.Definition def = program.definitions().get(stmt.call().callee().name());
    boolean hasWidth = def.syntax().params().stream().anyMatch(h -> h.name().name().equals("width"));
    if (!hasWidth) {
      diags.error("no-width", bound.get("model").value().span(), "coord_check varies the header"
          + " `width`, but model `" + def.name() + "` has none");
      return Optional.empty();
    }
    InitSpec init = model.step().init();
    if (init.kind() == InitSpec.Kind.ALIGNED) {
      diags.error("bad-init", bound.get("model").value().span(), "coord_check draws θ(0) at each"
          + " width; `" + stmt.name().name() + "` uses `aligned` init, which it cannot redraw");
      return Optional.empty();
    }
    ModelSpec base = model.spec();
    DatasetBuilder.Result d = dataInfo.result();
    if (d.inputDim() != base.inputDim() || d.outputDim() != base.outputDim()) {
      diags.error("shape-mismatch", bound.get("data").value().span(), "model `"
          + stmt.name().name() + "` maps " + base.inputDim() + " inputs to " + base.outputDim()
          + " outputs, but data `" + dataInfo.step().name() + "` has " + d.inputDim()
          + " inputs and " + d.outputDim() + " outputs");
      return Optional.empty();
    }
    List<ModelSpec> specs = new ArrayList<>();
    for (int w : widths) {
      // A requirement that fails at this width is the coordinate check's to answer for.
      Expr.Arg ws = bound.get("widths");
      Optional<Instances.ModelInfo> m = instances.model(stmt, model.step().id(), data,
          Map.of("width", new Value.Num(w)), ws == null ? c.span() : ws.span());
      if (m.isEmpty()) return Optional.empty();
      specs.add(m.get().spec());
    }
    CoordCheckSpec spec = new CoordCheckSpec(stmt.name().name(), dataInfo.step().id(), widths,
        specs, init, steps, lr);
    return Optional.of(ReportStep.coordCheck(id, diags.origin(r.span()), spec));
  }

  private <T> T named(Expr e, Map<String, T> known) {
    // Unknown names were reported by the resolver; a name whose statement failed stays silent.
    return e instanceof Expr.Name ? known.get(((Expr.Name) e).name()) : null;
  }

  private List<Integer> widths(Evaluator at, Expr.Arg arg) {
    if (arg == null) return DEFAULT_WIDTHS;
    Value v = at.eval(arg.value());
    if (v instanceof Value.Bad) return null;
    if (!(v instanceof Value.Vec)) {
      diags.error("type", arg.value().span(), "widths must be a vector of whole numbers,"
          + " e.g. `[64, 128, 256]`, got " + Value.describe(v));
      return null;
    }
    TreeSet<Integer> ws = new TreeSet<>();
    for (double w : ((Value.Vec) v).values()) {
      if (w < 1 || w != Math.rint(w) || w > 1 << 20) {
        diags.error("bad-width", arg.value().span(), "every width must be a whole number ≥ 1,"
            + " got " + Format.num(w));
        return null;
      }
      ws.add((int) w);
    }
    if (ws.size() < 2) {
      diags.error("bad-width", arg.value().span(), "a coordinate check needs at least two"
          + " different widths to fit a slope");
      return null;
    }
    return new ArrayList<>(ws);
  }
}
