package dyn.compiler.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The canonical text of a plan ({@code dyn plan}): the script's backend if it names one, params,
 * then one block per step with its id, label, origin line and key fields; graphs are SSA listings
 * such as {@code %3 = matmul %1 %2 : [8×n]}, where {@code n} is the sample count of a model graph.
 */
public final class PlanPrinter {
  private PlanPrinter() {}

  /** The whole plan as text, ending in a newline. */
  public static String print(Plan plan) {
    StringBuilder out = new StringBuilder();
    out.append("plan ").append(plan.script()).append('\n');
    plan.backend().ifPresent(b -> out.append("backend ").append(b)
        .append("  (script; --backend overrides)\n"));
    for (Plan.ParamValue p : plan.params()) {
      out.append("param ").append(p.name()).append(" = ").append(num(p.value()));
      if (p.overridden()) out.append("  (command line)");
      out.append('\n');
    }
    for (Step s : plan.steps()) {
      out.append('\n').append("step ").append(s.id()).append(": ").append(s.label())
          .append("  (line ").append(s.origin().line()).append(")\n");
      List<Integer> deps = s.dependsOn();
      if (!deps.isEmpty()) out.append("  depends on: ").append(ids(deps)).append('\n');
      body(s, out);
    }
    plan.sweep().ifPresent(sw -> out.append('\n').append(SweepAxes.text(sw)));
    return out.toString();
  }

  private static void body(Step s, StringBuilder out) {
    if (s instanceof DataStep) {
      DataStep d = (DataStep) s;
      out.append("  outputs: ").append(String.join(", ", d.outputs())).append('\n');
      graph(d.graph(), d.outputs(), out);
    } else if (s instanceof ModelStep) {
      model((ModelStep) s, out);
    } else if (s instanceof TrainStep) {
      TrainStep t = (TrainStep) s;
      out.append("  model: step ").append(t.model()).append(", data: step ").append(t.data())
          .append(", loss: ").append(t.loss().name().toLowerCase(Locale.ROOT))
          .append(t.barlowTwins().map(b -> "(off_diagonal=" + num(b.offDiagonal()) + ")")
              .orElse("")).append('\n');
      out.append("  dynamics: ").append(dynamics(t.dynamics()));
      if (t.precision() != TrainStep.Precision.FLOAT64) {
        out.append(" dtype=").append(t.precision().scriptName());
      }
      out.append('\n');
      List<String> obs = new ArrayList<>();
      t.observables().forEach(o -> obs.add(o == Observable.FOURIER_POWER
          ? o.scriptName() + "(period = " + t.fourierPower().get().period() + ")"
          : o == Observable.LAYER_SINGULAR_VALUES
          ? o.scriptName() + "(top = " + t.layerSpectra().get().top() + ")"
          : o.scriptName()));
      out.append("  observe: ").append(String.join(", ", obs)).append('\n');
      times(out, "times", t.times());
      // Observables on grids of their own: the train stops at every time above, each of these
      // records only at its own.
      t.observableTimes().forEach((o, own) -> times(out, "times of " + o.scriptName(), own));
    } else if (s instanceof PredictStep) {
      PredictStep p = (PredictStep) s;
      out.append("  agf: model: step ").append(p.model()).append(", data: step ").append(p.data())
          .append(", step=").append(num(p.step())).append(" rounds=").append(p.rounds())
          .append(" until=").append(num(p.until())).append(", cost: ").append(p.cost().scriptName())
          .append(" to |grad| <= ").append(num(p.costTol())).append(" in <= ").append(p.costSteps())
          .append(" steps\n");
    } else if (s instanceof TheoryStep) {
      out.append("  ").append(theory(((TheoryStep) s).theory())).append('\n');
    } else if (s instanceof CompareStep) {
      CompareStep c = (CompareStep) s;
      out.append("  ").append(c.method().scriptName()).append(": ").append(c.series().label())
          .append(" vs ");
      if (c.method() instanceof CompareStep.Staircase) {
        CompareStep.Staircase m = (CompareStep.Staircase) c.method();
        out.append(c.predictName()).append(" (step ").append(c.predict()).append("), time_rtol=")
            .append(num(m.timeRtol())).append(" level_rtol=").append(num(m.levelRtol()))
            .append(", ").append(m.axis().name().toLowerCase(Locale.ROOT))
            .append(" interpolation")
            .append(m.neuronNorms().isPresent() ? ", features from " + m.neuronNorms().get().label() : "");
      } else {
        CompareStep.Trajectory m = (CompareStep.Trajectory) c.method();
        out.append(m.predicted().label()).append(" (step ").append(c.predict()).append("), rtol=")
            .append(num(m.rtol())).append(" at shared times");
      }
      if (c.expect() != CompareStep.Expect.PASS) {
        out.append(", expect ").append(c.expect().scriptName());
      }
      out.append('\n');
    } else if (s instanceof ReportStep) {
      ReportStep r = (ReportStep) s;
      out.append("  ").append(r.kind().name().toLowerCase(Locale.ROOT));
      if (!r.path().isEmpty()) out.append(" \"").append(r.path()).append('"');
      if (r.plot().isPresent()) {
        PlotSpec p = r.plot().get();
        out.append(" (").append(p.scales()).append(", x \"").append(p.xLabel()).append('"');
        if (!p.yLabel().isEmpty()) out.append(", y \"").append(p.yLabel()).append('"');
        if (!p.title().isEmpty()) out.append(", title \"").append(p.title()).append('"');
        out.append(')');
      }
      if (r.heatmap().isPresent()) {
        KernelHeatmapSpec h = r.heatmap().get();
        out.append(": Gram matrix of ").append(h.name()).append(" (")
            .append(h.kernel().method()).append(", ").append(h.kernel().points())
            .append(" inputs of data step ").append(h.kernel().data()).append(")\n");
        return;
      }
      if (r.params().isPresent()) {
        out.append(": θ(0) and θ(until) of ").append(r.params().get().trainName())
            .append(" (step ").append(r.params().get().train()).append(")\n");
        return;
      }
      if (r.coordCheck().isPresent()) {
        CoordCheckSpec c = r.coordCheck().get();
        out.append(": model ").append(c.modelName()).append(", data: step ").append(c.data())
            .append(", widths=").append(c.widths()).append(" steps=").append(c.steps())
            .append(" lr=").append(num(c.lr())).append(", ")
            .append(parametrization(c.models().get(0).parametrization()).replaceAll(
                " \\(n = [0-9]+, ", " (")).append('\n');
        return;
      }
      List<String> series = new ArrayList<>();
      r.series().forEach(x -> series.add(x.label()));
      out.append(": ").append(String.join(", ", series)).append('\n');
    } else {
      CheckStep c = (CheckStep) s;
      out.append("  ").append(check(c.condition())).append('\n');
    }
  }

  private static void model(ModelStep m, StringBuilder out) {
    ModelSpec spec = m.model();
    out.append("  model ").append(spec.name()).append(": ").append(spec.inputDim()).append(" → ")
        .append(spec.outputDim()).append(", ").append(spec.parameterCount()).append(" parameters, ")
        .append(spec.linearInX() ? "linear in x" : "nonlinear in x").append('\n');
    InitSpec init = m.init();
    out.append("  init: ").append(init.kind().name().toLowerCase(Locale.ROOT))
        .append(" scale=").append(num(init.scale())).append(" seed=").append(init.seed());
    if (init.alignedTo() >= 0) out.append(" aligned to step ").append(init.alignedTo());
    out.append('\n');
    out.append("  parametrization: ").append(parametrization(spec.parametrization()))
        .append('\n');
    for (int i = 0; i < spec.params().size(); i++) {
      ParamSpec p = spec.params().get(i);
      out.append("  param ").append(i).append(' ').append(p.name()).append(' ')
          .append(shape(p.rows(), p.cols())).append(" ~ ").append(distribution(p.init()));
      ParamSpec.Scaling sc = p.scaling();
      if (sc.role() != ParamSpec.Role.NONE) {
        out.append(", ").append(sc.role().name().toLowerCase(Locale.ROOT)).append(" layer");
      }
      if (!sc.isIdentity()) {
        out.append(", init ×").append(num(sc.init())).append(" forward ×")
            .append(num(sc.forward())).append(" lr ×").append(num(sc.lr()));
      }
      out.append('\n');
    }
    spec.neurons().ifPresent(n -> {
      List<String> parts = new ArrayList<>();
      for (ModelSpec.Part p : n.parts()) {
        parts.add(spec.params().get(p.param()).name() + " "
            + p.slice().name().toLowerCase(Locale.ROOT));
      }
      out.append("  neurons ").append(n.count()).append(": ").append(String.join(", ", parts))
          .append('\n');
    });
    graph(spec.forward(), List.of("f"), out);
  }

  /** {@code mup (n = 256, L = 1), gamma = 4}; plain {@code standard} when nothing is set. */
  static String parametrization(Parametrization p) {
    StringBuilder b = new StringBuilder(p.kind().scriptName());
    if (p.width() > 0) {
      b.append(" (n = ").append(p.width()).append(", L = ").append(p.hiddenLayers()).append(')');
    }
    if (p.gamma() != 1.0) b.append(", gamma = ").append(num(p.gamma())).append(" (f = f̃/γ)");
    return b.toString();
  }

  private static void graph(Graph g, List<String> names, StringBuilder out) {
    for (int i = 0; i < g.nodes().size(); i++) {
      Graph.Node n = g.nodes().get(i);
      out.append("  %").append(i).append(" = ").append(op(n.op())).append(" : ")
          .append(shape(n.rows(), n.cols())).append('\n');
    }
    List<String> outs = new ArrayList<>();
    for (int k = 0; k < g.outputs().size(); k++) {
      outs.add(names.get(k) + " = %" + g.outputs().get(k));
    }
    out.append("  return ").append(String.join(", ", outs)).append('\n');
  }

  /** One op in SSA syntax. */
  static String op(Op op) {
    if (op instanceof Op.Input) return "input " + ((Op.Input) op).slot();
    if (op instanceof Op.Param) return "param " + ((Op.Param) op).index();
    if (op instanceof Op.Constant) {
      List<Double> v = ((Op.Constant) op).values();
      if (v.size() > 8) return "constant (" + v.size() + " values)";
      List<String> s = new ArrayList<>();
      v.forEach(x -> s.add(num(x)));
      return "constant [" + String.join(", ", s) + "]";
    }
    if (op instanceof Op.MatMul) return "matmul %" + ((Op.MatMul) op).a() + " %" + ((Op.MatMul) op).b();
    if (op instanceof Op.Binary) {
      Op.Binary b = (Op.Binary) op;
      return lower(b.fn()) + " %" + b.a() + " %" + b.b();
    }
    if (op instanceof Op.Unary) return lower(((Op.Unary) op).fn()) + " %" + ((Op.Unary) op).a();
    if (op instanceof Op.Power) {
      return "pow %" + ((Op.Power) op).a() + " " + num(((Op.Power) op).exponent());
    }
    if (op instanceof Op.Transpose) return "transpose %" + ((Op.Transpose) op).a();
    if (op instanceof Op.Sum) {
      return "sum_" + lower(((Op.Sum) op).axis()) + " %" + ((Op.Sum) op).a();
    }
    if (op instanceof Op.Normal) {
      Op.Normal n = (Op.Normal) op;
      return "normal " + n.rows() + " " + n.cols() + " stream=" + hex(n.stream());
    }
    if (op instanceof Op.Orthogonal) {
      Op.Orthogonal o = (Op.Orthogonal) op;
      return "orthogonal " + o.n() + " stream=" + hex(o.stream());
    }
    if (op instanceof Op.Shuffle) {
      Op.Shuffle o = (Op.Shuffle) op;
      return "shuffle %" + o.a() + " stream=" + hex(o.stream());
    }
    if (op instanceof Op.Load) {
      Op.Load l = (Op.Load) op;
      return l.file().format().primitive() + " \"" + l.file().name() + "\""
          + (l.file().skipLines() > 0 ? " skip=" + l.file().skipLines() : "");
    }
    if (op instanceof Op.Mask) {
      Op.Mask o = (Op.Mask) op;
      return "mask %" + o.a() + " " + num(o.p()) + " stream=" + hex(o.stream());
    }
    if (op instanceof Op.Corrupt) {
      Op.Corrupt c = (Op.Corrupt) op;
      return "corrupt %" + c.a() + " " + num(c.fraction()) + " classes=" + c.classes()
          + " stream=" + hex(c.stream());
    }
    if (op instanceof Op.Diag) {
      Op.Diag d = (Op.Diag) op;
      return "diag %" + d.a() + " " + d.rows() + " " + d.cols();
    }
    if (op instanceof Op.Slice) {
      Op.Slice sl = (Op.Slice) op;
      return "rows %" + sl.a() + " " + sl.start() + " " + sl.count();
    }
    if (op instanceof Op.Concat) {
      Op.Concat c = (Op.Concat) op;
      List<String> parts = new ArrayList<>();
      for (int part : c.parts()) parts.add("%" + part);
      return (c.vertical() ? "stack " : "concat ") + String.join(" ", parts);
    }
    return "whiten %" + ((Op.Whiten) op).a();
  }

  /** One line per kernel-theory prediction: its inputs, and per layer σ² and ρ for kernels. */
  private static String theory(TheoryStep.Theory t) {
    if (t instanceof TheoryStep.Kernel) {
      TheoryStep.Kernel k = (TheoryStep.Kernel) t;
      if (k.empirical()) {
        return k.method() + ": model: step " + k.model() + ", data: step " + k.data()
            + ", J M Jᵀ at the model's θ(0)";
      }
      List<String> layers = new ArrayList<>();
      for (TheoryStep.KernelLayer l : k.layers()) {
        layers.add("param " + l.param() + " (sigma2=" + num(l.weightVariance()) + " rho="
            + num(l.weightRate()) + l.activation().map(a -> ", then " + lower(a)).orElse("")
            + ")");
      }
      return k.method() + ": model: step " + k.model() + ", data: step " + k.data()
          + ", output scale " + num(k.outputScale()) + ", layers " + String.join("; ", layers);
    }
    if (t instanceof TheoryStep.Linearized) {
      TheoryStep.Linearized l = (TheoryStep.Linearized) t;
      return "linearized: model: step " + l.model() + ", data: step " + l.data()
          + l.lr().map(x -> ", gradient descent lr=" + num(x)).orElse(", gradient flow")
          + ", " + l.times().size() + " times"
          + (l.limit().isPresent() ? ", kernel: infinite-width ntk" : ", kernel: empirical at init")
          + (l.ensemble() ? ", f_0: ensemble over inits (nngp)" : "");
    }
    if (t instanceof TheoryStep.Krr) {
      TheoryStep.Krr r = (TheoryStep.Krr) t;
      return "krr: kernel: step " + r.kernel() + ", data: step " + r.data() + ", ridge="
          + num(r.ridge());
    }
    if (t instanceof TheoryStep.Escape) {
      TheoryStep.Escape e = (TheoryStep.Escape) t;
      return "escape: model: step " + e.model() + ", data: step " + e.data() + ", degree "
          + e.degree() + ", restarts=" + e.restarts() + " seed=" + e.seed();
    }
    if (t instanceof TheoryStep.SslStepwise) {
      TheoryStep.SslStepwise p = (TheoryStep.SslStepwise) t;
      return "ssl_stepwise: model: step " + p.model() + ", data: step " + p.data() + ", "
          + p.times().size() + " times";
    }
    TheoryStep.Eigenframework e = (TheoryStep.Eigenframework) t;
    return "eigenframework: spectrum " + spectrum(e.spectrum()) + ", target "
        + spectrum(e.target()) + ", n=" + num(e.samples()) + " ridge=" + num(e.ridge())
        + " noise=" + num(e.noise()) + e.features().map(k -> " features=" + num(k)).orElse("");
  }

  private static String spectrum(TheoryStep.Spectrum s) {
    if (s instanceof TheoryStep.Spectrum.PowerLaw) {
      TheoryStep.Spectrum.PowerLaw p = (TheoryStep.Spectrum.PowerLaw) s;
      return "power_law(" + p.modes() + ", " + num(p.exponent())
          + (!Double.isNaN(p.sum()) ? ", sum = " + num(p.sum()) : "")
          + (!Double.isNaN(p.norm()) ? ", norm = " + num(p.norm()) : "") + ")";
    }
    if (s instanceof TheoryStep.Spectrum.Measured) {
      TheoryStep.Spectrum.Measured m = (TheoryStep.Spectrum.Measured) s;
      return (m.target() ? "label coefficients" : "eigenvalues/N") + " of the "
          + m.kernel().method() + " of model step " + m.kernel().model() + " on data step "
          + m.kernel().data() + " (" + m.modes() + " modes)";
    }
    return s.modes() + " values";
  }

  private static String dynamics(Dynamics d) {
    if (d instanceof Dynamics.GradientFlow) {
      Dynamics.GradientFlow f = (Dynamics.GradientFlow) d;
      return "flow until=" + num(f.until()) + " rtol=" + num(f.rtol()) + " atol=" + num(f.atol())
          + " max_steps=" + f.maxSteps();
    }
    if (d instanceof Dynamics.GradientDescent) {
      Dynamics.GradientDescent g = (Dynamics.GradientDescent) d;
      return "descent lr=" + num(g.lr()) + " steps=" + g.steps() + " until=" + num(g.until())
          + update(g.update());
    }
    Dynamics.Sgd s = (Dynamics.Sgd) d;
    return "sgd lr=" + num(s.lr()) + " steps=" + s.steps() + " until=" + num(s.until()) + " batch="
        + s.batch() + " stream=" + hex(s.stream()) + update(s.update());
  }

  /** Nothing for plain steps (so existing plans print as before), else the optimizer's settings. */
  static String update(Update u) {
    if (u.isPlain()) return "";
    StringBuilder b = new StringBuilder();
    Update.Optimizer o = u.optimizer();
    if (o instanceof Update.Optimizer.Momentum) {
      b.append(" optimizer=momentum beta=").append(num(((Update.Optimizer.Momentum) o).beta()));
    } else if (o instanceof Update.Optimizer.Adam) {
      Update.Optimizer.Adam a = (Update.Optimizer.Adam) o;
      b.append(" optimizer=").append(a.decoupled() ? "adamw" : "adam").append(" beta1=")
          .append(num(a.beta1())).append(" beta2=").append(num(a.beta2())).append(" eps=")
          .append(num(a.eps()));
      if (a.tensorLr().stream().anyMatch(v -> v != 1.0)) {
        List<String> m = new ArrayList<>();
        for (double v : a.tensorLr()) m.add(num(v));
        b.append(" tensor_lr=[").append(String.join(", ", m)).append(']');
      }
    }
    if (u.weightDecay() != 0) b.append(" weight_decay=").append(num(u.weightDecay()));
    if (u.schedule().kind() != Update.Schedule.Kind.CONSTANT) {
      b.append(" schedule=").append(u.schedule().kind().scriptName());
    }
    if (u.schedule().warmup() > 0) b.append(" warmup=").append(u.schedule().warmup());
    return b.toString();
  }

  private static String distribution(ParamSpec.Distribution d) {
    if (d instanceof ParamSpec.Distribution.Normal) {
      ParamSpec.Distribution.Normal n = (ParamSpec.Distribution.Normal) d;
      return "normal(" + num(n.mean()) + ", " + num(n.variance()) + ")";
    }
    if (d instanceof ParamSpec.Distribution.Uniform) {
      ParamSpec.Distribution.Uniform u = (ParamSpec.Distribution.Uniform) d;
      return "uniform(" + num(u.lo()) + ", " + num(u.hi()) + ")";
    }
    return "constant(" + num(((ParamSpec.Distribution.Constant) d).value()) + ")";
  }

  /** A check condition in script syntax, fully parenthesised below the top. */
  static String check(CheckExpr e) {
    if (e instanceof CheckExpr.Number) return num(((CheckExpr.Number) e).value());
    if (e instanceof CheckExpr.Compare) {
      CheckExpr.Compare c = (CheckExpr.Compare) e;
      return check(c.left()) + " " + c.op() + " " + check(c.right());
    }
    if (e instanceof CheckExpr.Arith) {
      CheckExpr.Arith a = (CheckExpr.Arith) e;
      return "(" + check(a.left()) + " " + a.op() + " " + check(a.right()) + ")";
    }
    if (e instanceof CheckExpr.Apply) {
      CheckExpr.Apply a = (CheckExpr.Apply) e;
      return a.fn().name().toLowerCase(Locale.ROOT) + "(" + check(a.arg()) + ")";
    }
    CheckExpr.SeriesFn f = (CheckExpr.SeriesFn) e;
    List<String> args = new ArrayList<>();
    for (int k = 0; k < f.series().size(); k++) args.add(f.label(k));
    f.args().forEach(x -> args.add(num(x)));
    return f.fn().name().toLowerCase(Locale.ROOT) + "(" + String.join(", ", args) + ")";
  }

  static String shape(int rows, int cols) {
    return "[" + dim(rows) + "×" + dim(cols) + "]";
  }

  private static String dim(int d) {
    return d == Graph.BATCH ? "n" : Integer.toString(d);
  }

  private static String ids(List<Integer> ids) {
    List<String> s = new ArrayList<>();
    ids.forEach(i -> s.add(Integer.toString(i)));
    return String.join(", ", s);
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  static String hex(long v) {
    return String.format(Locale.ROOT, "0x%016x", v);
  }

  /** Integers without ".0"; other numbers in their shortest round-trip form. */
  static String num(double v) {
    return NumberText.shortest(v);
  }

  /** {@code  times (3): 0 5 10}. */
  private static void times(StringBuilder out, String label, List<Double> times) {
    List<String> text = new ArrayList<>();
    times.forEach(x -> text.add(num(x)));
    out.append("  ").append(label).append(" (").append(times.size()).append("): ")
        .append(String.join(" ", text)).append('\n');
  }
}
