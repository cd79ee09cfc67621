package dyn.compiler.plan;

import java.util.List;
import java.util.Locale;

/**
 * The plan as JSON ({@code dyn plan --json}), written by hand so the compiler needs no library.
 * Keys come in a fixed order, so equal plans give byte-equal text. Stream ids are strings
 * ({@code "0x…"}) because 64-bit integers do not survive JavaScript's numbers; the batch
 * dimension of model graphs is {@code -1}.
 */
public final class PlanJson {
  private PlanJson() {}

  /** The whole plan as one JSON object, pretty-printed, ending in a newline. */
  public static String write(Plan plan) {
    return write(plan, null);
  }

  /**
   * As {@link #write(Plan)}, with the sweep's batch listing (which points run as one batched
   * program) as the sweep object's {@code batches}; none when null.
   */
  public static String write(Plan plan, SweepBatches batches) {
    Json j = new Json();
    j.open('{');
    j.key("script").str(plan.script());
    // Only when the script names one, so plans of scripts without it are unchanged.
    if (plan.backend().isPresent()) j.key("backend").str(plan.backend().get());
    j.key("params").open('[');
    for (Plan.ParamValue p : plan.params()) {
      j.item().open('{').key("name").str(p.name()).key("value").num(p.value())
          .key("overridden").raw(Boolean.toString(p.overridden())).close('}');
    }
    j.close(']');
    j.key("steps").open('[');
    for (Step s : plan.steps()) step(j.item(), s);
    j.close(']');
    if (plan.sweep().isPresent()) sweep(j.key("sweep"), plan.sweep().get(), batches);
    j.close('}');
    return j.text() + "\n";
  }

  private static void step(Json j, Step s) {
    j.open('{');
    j.key("id").raw(Integer.toString(s.id()));
    j.key("kind").str(s.label().substring(0, s.label().indexOf(' ')));
    j.key("name").str(s.name());
    Origin o = s.origin();
    j.key("origin").open('{').key("file").str(o.file()).key("line").raw("" + o.line())
        .key("column").raw("" + o.column()).key("length").raw("" + o.length())
        .key("sourceLine").str(o.sourceLine()).close('}');
    j.key("dependsOn").ints(s.dependsOn());
    if (s instanceof DataStep) {
      DataStep d = (DataStep) s;
      j.key("outputs").strs(d.outputs());
      j.key("graph");
      graph(j, d.graph());
    } else if (s instanceof ModelStep) {
      model(j, (ModelStep) s);
    } else if (s instanceof TrainStep) {
      train(j, (TrainStep) s);
    } else if (s instanceof PredictStep) {
      PredictStep p = (PredictStep) s;
      j.key("method").str("agf").key("model").raw("" + p.model()).key("data").raw("" + p.data())
          .key("step").num(p.step()).key("rounds").raw("" + p.rounds())
          .key("until").num(p.until()).key("cost").str(p.cost().scriptName())
          .key("costTol").num(p.costTol()).key("costSteps").raw("" + p.costSteps());
    } else if (s instanceof TheoryStep) {
      theory(j, ((TheoryStep) s).theory());
    } else if (s instanceof CompareStep) {
      CompareStep c = (CompareStep) s;
      j.key("method").str(c.method().scriptName()).key("series");
      series(j, c.series());
      if (c.method() instanceof CompareStep.Staircase) {
        CompareStep.Staircase m = (CompareStep.Staircase) c.method();
        if (m.neuronNorms().isPresent()) {
          j.key("neuronNorms");
          series(j, m.neuronNorms().get());
        }
        j.key("predict").raw("" + c.predict()).key("timeRtol").num(m.timeRtol())
            .key("levelRtol").num(m.levelRtol()).key("axis").str(lower(m.axis()));
      } else {
        CompareStep.Trajectory m = (CompareStep.Trajectory) c.method();
        j.key("predicted");
        series(j, m.predicted());
        j.key("predict").raw("" + c.predict()).key("rtol").num(m.rtol());
      }
      j.key("expect").str(c.expect().scriptName());
    } else if (s instanceof ReportStep) {
      ReportStep r = (ReportStep) s;
      j.key("format").str(lower(r.kind())).key("path").str(r.path());
      if (r.plot().isPresent()) {
        PlotSpec p = r.plot().get();
        j.key("plot").open('{').key("title").str(p.title())
            .key("x").str(p.xLog() ? "log" : "linear").key("y").str(p.yLog() ? "log" : "linear")
            .key("xlabel").str(p.xLabel()).key("ylabel").str(p.yLabel()).close('}');
      }
      if (r.heatmap().isPresent()) {
        KernelHeatmapSpec h = r.heatmap().get();
        j.key("heatmap").open('{').key("kernel").str(h.name()).key("method")
            .str(h.kernel().method()).key("data").raw("" + h.kernel().data()).key("points")
            .raw("" + h.kernel().points()).key("title").str(h.title()).close('}');
      }
      if (r.params().isPresent()) {
        j.key("params").open('{').key("train").raw("" + r.params().get().train())
            .key("trainName").str(r.params().get().trainName()).close('}');
      }
      if (r.coordCheck().isPresent()) {
        CoordCheckSpec c = r.coordCheck().get();
        j.key("coordCheck").open('{').key("model").str(c.modelName())
            .key("data").raw("" + c.data()).key("steps").raw("" + c.steps())
            .key("lr").num(c.lr()).key("widths").open('[');
        for (int w : c.widths()) j.item().raw("" + w);
        j.close(']').key("models").open('[');
        for (ModelSpec m : c.models()) {
          j.item().open('{').key("width").raw("" + m.parametrization().width())
              .key("params").open('[');
          for (ParamSpec p : m.params()) {
            j.item().open('{').key("name").str(p.name()).key("rows").raw("" + p.rows())
                .key("cols").raw("" + p.cols()).key("role").str(lower(p.scaling().role()))
                .key("init").num(p.scaling().init()).key("forward").num(p.scaling().forward())
                .key("lr").num(p.scaling().lr()).close('}');
          }
          j.close(']').close('}');
        }
        j.close(']').close('}');
      }
      j.key("series").open('[');
      for (SeriesRef x : r.series()) series(j.item(), x);
      j.close(']');
    } else {
      CheckStep c = (CheckStep) s;
      j.key("text").str(c.text()).key("condition");
      check(j, c.condition());
    }
    j.close('}');
  }

  private static void theory(Json j, TheoryStep.Theory t) {
    if (t instanceof TheoryStep.Kernel) {
      TheoryStep.Kernel k = (TheoryStep.Kernel) t;
      j.key("method").str(k.method()).key("model").raw("" + k.model()).key("data")
          .raw("" + k.data()).key("outputScale").num(k.outputScale()).key("layers").open('[');
      for (TheoryStep.KernelLayer l : k.layers()) {
        j.item().open('{').key("param").raw("" + l.param()).key("weightVariance")
            .num(l.weightVariance()).key("weightRate").num(l.weightRate());
        if (l.activation().isPresent()) j.key("activation").str(lower(l.activation().get()));
        j.close('}');
      }
      j.close(']');
    } else if (t instanceof TheoryStep.Linearized) {
      TheoryStep.Linearized l = (TheoryStep.Linearized) t;
      j.key("method").str("linearized").key("model").raw("" + l.model()).key("data")
          .raw("" + l.data());
      if (l.lr().isPresent()) j.key("lr").num(l.lr().get());
      j.key("times").nums(l.times());
      j.key("kernel").str(l.limit().isPresent() ? "infinite-width" : "empirical");
      if (l.ensemble()) j.key("ensemble").raw("true");
    } else if (t instanceof TheoryStep.Krr) {
      TheoryStep.Krr r = (TheoryStep.Krr) t;
      j.key("method").str("krr").key("kernel").raw("" + r.kernel()).key("data")
          .raw("" + r.data()).key("ridge").num(r.ridge());
    } else if (t instanceof TheoryStep.Escape) {
      TheoryStep.Escape e = (TheoryStep.Escape) t;
      j.key("method").str("escape").key("model").raw("" + e.model()).key("data")
          .raw("" + e.data()).key("degree").raw("" + e.degree()).key("restarts")
          .raw("" + e.restarts()).key("seed").raw("" + e.seed());
    } else if (t instanceof TheoryStep.SslStepwise) {
      TheoryStep.SslStepwise p = (TheoryStep.SslStepwise) t;
      j.key("method").str("ssl_stepwise").key("model").raw("" + p.model()).key("data")
          .raw("" + p.data()).key("times").nums(p.times());
    } else {
      TheoryStep.Eigenframework e = (TheoryStep.Eigenframework) t;
      j.key("method").str("eigenframework").key("spectrum");
      spectrum(j, e.spectrum());
      j.key("target");
      spectrum(j, e.target());
      j.key("n").num(e.samples()).key("ridge").num(e.ridge()).key("noise").num(e.noise());
      if (e.features().isPresent()) j.key("features").num(e.features().get());
    }
  }

  private static void spectrum(Json j, TheoryStep.Spectrum s) {
    if (s instanceof TheoryStep.Spectrum.PowerLaw) {
      TheoryStep.Spectrum.PowerLaw p = (TheoryStep.Spectrum.PowerLaw) s;
      j.open('{').key("powerLaw").raw("" + p.modes()).key("exponent").num(p.exponent());
      if (!Double.isNaN(p.sum())) j.key("sum").num(p.sum());
      if (!Double.isNaN(p.norm())) j.key("norm").num(p.norm());
      j.close('}');
    } else if (s instanceof TheoryStep.Spectrum.Measured) {
      TheoryStep.Spectrum.Measured m = (TheoryStep.Spectrum.Measured) s;
      j.open('{').key("measured").str(m.target() ? "target" : "eigenvalues").key("kernel")
          .str(m.kernel().method()).key("model").raw("" + m.kernel().model()).key("data")
          .raw("" + m.kernel().data()).key("modes").raw("" + m.modes()).close('}');
    } else {
      j.nums(((TheoryStep.Spectrum.Values) s).list());
    }
  }

  private static void model(Json j, ModelStep m) {
    ModelSpec spec = m.model();
    j.key("model").open('{');
    j.key("name").str(spec.name()).key("inputDim").raw("" + spec.inputDim())
        .key("outputDim").raw("" + spec.outputDim())
        .key("linearInX").raw(Boolean.toString(spec.linearInX()));
    j.key("params").open('[');
    for (ParamSpec p : spec.params()) {
      j.item().open('{').key("name").str(p.name()).key("rows").raw("" + p.rows())
          .key("cols").raw("" + p.cols()).key("init");
      distribution(j, p.init());
      ParamSpec.Scaling sc = p.scaling();
      j.key("scaling").open('{').key("role").str(lower(sc.role())).key("init").num(sc.init())
          .key("forward").num(sc.forward()).key("lr").num(sc.lr()).close('}');
      j.close('}');
    }
    j.close(']');
    if (spec.neurons().isPresent()) {
      ModelSpec.Neurons n = spec.neurons().get();
      j.key("neurons").open('{').key("count").raw("" + n.count()).key("parts").open('[');
      for (ModelSpec.Part p : n.parts()) {
        j.item().open('{').key("param").raw("" + p.param()).key("slice").str(lower(p.slice()))
            .close('}');
      }
      j.close(']').close('}');
    }
    Parametrization par = spec.parametrization();
    j.key("parametrization").open('{').key("kind").str(par.kind().scriptName())
        .key("width").raw("" + par.width()).key("hiddenLayers").raw("" + par.hiddenLayers())
        .key("gamma").num(par.gamma()).close('}');
    j.key("forward");
    graph(j, spec.forward());
    j.close('}');
    InitSpec i = m.init();
    j.key("init").open('{').key("kind").str(lower(i.kind())).key("scale").num(i.scale())
        .key("seed").raw(Long.toString(i.seed())).key("alignedTo").raw("" + i.alignedTo())
        .close('}');
  }

  /** The optimizer's settings, as one "update" object; left out for plain steps. */
  private static void update(Json j, Update u) {
    if (u.isPlain()) return;
    j.key("update").open('{');
    Update.Optimizer o = u.optimizer();
    if (o instanceof Update.Optimizer.Plain) {
      j.key("optimizer").str("plain");
    } else if (o instanceof Update.Optimizer.Momentum) {
      j.key("optimizer").str("momentum").key("beta").num(((Update.Optimizer.Momentum) o).beta());
    } else {
      Update.Optimizer.Adam a = (Update.Optimizer.Adam) o;
      j.key("optimizer").str(a.decoupled() ? "adamw" : "adam").key("beta1").num(a.beta1())
          .key("beta2").num(a.beta2()).key("eps").num(a.eps()).key("tensorLr").nums(a.tensorLr());
    }
    j.key("weightDecay").num(u.weightDecay()).key("schedule").str(u.schedule().kind().scriptName())
        .key("warmup").raw(Long.toString(u.schedule().warmup()));
    j.close('}');
  }

  private static void train(Json j, TrainStep t) {
    j.key("model").raw("" + t.model()).key("data").raw("" + t.data())
        .key("loss").str(lower(t.loss()));
    t.barlowTwins().ifPresent(b -> j.key("off_diagonal").num(b.offDiagonal()));
    j.key("dynamics").open('{');
    Dynamics d = t.dynamics();
    if (d instanceof Dynamics.GradientFlow) {
      Dynamics.GradientFlow f = (Dynamics.GradientFlow) d;
      j.key("method").str("flow").key("until").num(f.until()).key("rtol").num(f.rtol())
          .key("atol").num(f.atol()).key("maxSteps").raw(Long.toString(f.maxSteps()));
    } else if (d instanceof Dynamics.GradientDescent) {
      Dynamics.GradientDescent g = (Dynamics.GradientDescent) d;
      j.key("method").str("descent").key("lr").num(g.lr()).key("steps").raw("" + g.steps());
      update(j, g.update());
    } else {
      Dynamics.Sgd s = (Dynamics.Sgd) d;
      j.key("method").str("sgd").key("lr").num(s.lr()).key("steps").raw("" + s.steps())
          .key("batch").raw("" + s.batch()).key("stream").str(PlanPrinter.hex(s.stream()));
      update(j, s.update());
    }
    j.close('}');
    j.key("times").nums(t.times());
    j.key("observables").open('[');
    for (Observable o : t.observables()) j.item().str(o.scriptName());
    j.close(']');
    if (!t.sharedGrid()) {
      // Only observables on grids of their own; the others record at every time of "times".
      j.key("observableTimes").open('{');
      t.observableTimes().forEach((o, own) -> j.key(o.scriptName()).nums(own));
      j.close('}');
    }
    t.fourierPower().ifPresent(f -> j.key("fourierPeriod").raw(Integer.toString(f.period())));
    t.layerSpectra().ifPresent(l -> j.key("layerTop").raw(Integer.toString(l.top())));
    if (t.precision() != TrainStep.Precision.FLOAT64) j.key("dtype").str(t.precision().scriptName());
  }

  private static void graph(Json j, Graph g) {
    j.open('{').key("nodes").open('[');
    for (Graph.Node n : g.nodes()) {
      j.item().open('{').key("op").str(PlanPrinter.op(n.op()).split(" ")[0]);
      Op op = n.op();
      if (!op.inputs().isEmpty()) j.key("inputs").ints(op.inputs());
      if (op instanceof Op.Input) j.key("slot").raw("" + ((Op.Input) op).slot());
      if (op instanceof Op.Param) j.key("param").raw("" + ((Op.Param) op).index());
      if (op instanceof Op.Power) j.key("exponent").num(((Op.Power) op).exponent());
      if (op instanceof Op.Normal) j.key("stream").str(PlanPrinter.hex(((Op.Normal) op).stream()));
      if (op instanceof Op.Orthogonal) {
        j.key("stream").str(PlanPrinter.hex(((Op.Orthogonal) op).stream()));
      }
      if (op instanceof Op.Shuffle) j.key("stream").str(PlanPrinter.hex(((Op.Shuffle) op).stream()));
      if (op instanceof Op.Load) {
        Op.Load l = (Op.Load) op;
        j.key("format").str(l.file().format().name().toLowerCase(java.util.Locale.ROOT))
            .key("path").str(l.file().name()).key("skip").raw("" + l.file().skipLines());
      }
      if (op instanceof Op.Mask) {
        j.key("p").num(((Op.Mask) op).p()).key("stream").str(PlanPrinter.hex(((Op.Mask) op).stream()));
      }
      if (op instanceof Op.Corrupt) {
        Op.Corrupt c = (Op.Corrupt) op;
        j.key("fraction").num(c.fraction()).key("classes").raw("" + c.classes())
            .key("stream").str(PlanPrinter.hex(c.stream()));
      }
      if (op instanceof Op.Slice) {
        j.key("start").raw("" + ((Op.Slice) op).start()).key("count").raw("" + ((Op.Slice) op).count());
      }
      if (op instanceof Op.Constant) {
        j.key("values").nums(((Op.Constant) op).values());
      }
      j.key("rows").raw("" + n.rows()).key("cols").raw("" + n.cols()).close('}');
    }
    j.close(']').key("outputs").ints(g.outputs()).close('}');
  }

  private static void distribution(Json j, ParamSpec.Distribution d) {
    j.open('{');
    if (d instanceof ParamSpec.Distribution.Normal) {
      ParamSpec.Distribution.Normal n = (ParamSpec.Distribution.Normal) d;
      j.key("kind").str("normal").key("mean").num(n.mean()).key("variance").num(n.variance());
    } else if (d instanceof ParamSpec.Distribution.Uniform) {
      ParamSpec.Distribution.Uniform u = (ParamSpec.Distribution.Uniform) d;
      j.key("kind").str("uniform").key("lo").num(u.lo()).key("hi").num(u.hi());
    } else {
      j.key("kind").str("constant").key("value").num(((ParamSpec.Distribution.Constant) d).value());
    }
    j.close('}');
  }

  /** A search: method, objective, cost, budget, seed and the space of each param. */
  private static void search(Json j, SearchSpec s) {
    j.key("search").open('{').key("method").str("carbs").key("objective").str(s.objective())
        .key("goal").str(s.maximize() ? "maximize" : "minimize")
        .key("cost").str(s.cost().orElse("seconds")).key("budget").raw("" + s.budget())
        .key("max_cost").raw(Double.isFinite(s.costBudget()) ? PlanPrinter.num(s.costBudget()) : "null").key("seed").raw("" + s.seed())
        .key("radius").num(s.radius()).key("random_starts").raw("" + s.randomStarts())
        .key("resample").raw("" + s.resample()).key("params").open('[');
    for (SearchSpec.Param p : s.params()) {
      j.item().open('{').key("name").str(p.name())
          .key("scale").str(p.scale().name().toLowerCase(java.util.Locale.ROOT))
          .key("integer").raw("" + p.integer()).key("lo").num(p.lo()).key("hi").num(p.hi())
          .key("center").num(p.center()).close('}');
    }
    j.close(']').close('}');
  }

  /** The sweep: axes with their values, points, metrics, derived values, reports, checks. */
  private static void batches(Json j, SweepBatches b) {
    j.open('{').key("points").raw("" + b.points()).key("batched").raw("" + b.batched())
        .key("threadBatch").raw("" + b.threadBatch());
    if (b.skipped() != null) j.key("skipped").str(b.skipped());
    j.key("shapes").open('[');
    for (SweepBatches.Shape s : b.shapes()) {
      j.item().open('{').key("tasks").ints(s.tasks()).key("varying").strs(s.varying()).close('}');
    }
    j.close(']');
    j.key("alone").open('[');
    for (SweepBatches.Alone a : b.alone()) {
      j.item().open('{').key("reason").str(a.reason()).key("tasks").ints(a.tasks()).close('}');
    }
    j.close(']').close('}');
  }

  private static void sweep(Json j, SweepSpec spec, SweepBatches batches) {
    j.open('{').key("name").str(spec.name()).key("line").raw("" + spec.origin().line())
        .key("points").raw("" + spec.points().size()).key("params").strs(spec.params());
    spec.search().ifPresent(s -> search(j, s));
    j.key("axes").open('[');
    for (SweepAxes.Axis a : SweepAxes.of(spec)) {
      j.item().open('{').key("params").strs(a.params()).key("count").raw("" + a.values().size())
          .key("spacing").str(a.spacing()).key("values").open('[');
      for (List<Double> t : a.values()) {
        if (t.size() == 1) j.item().num(t.get(0));
        else j.item().nums(t);
      }
      j.close(']').close('}');
    }
    j.close(']');
    j.key("metrics").open('[');
    for (SweepSpec.Metric m : spec.metrics()) {
      j.item().open('{').key("name").str(m.name()).key("value");
      check(j, m.value());
      j.close('}');
    }
    j.close(']');
    j.key("derived").open('[');
    for (Derived d : spec.derived()) {
      j.item().open('{').key("name").str(d.name()).key("kind")
          .str(d instanceof Derived.Reduce ? lower(((Derived.Reduce) d).op())
              : d instanceof Derived.Frontier ? "frontier" : "fit_power")
          .key("text").str(SweepAxes.derived(d)).close('}');
    }
    j.close(']');
    j.key("reports").open('[');
    for (SweepReport r : spec.reports()) {
      j.item().open('{').key("kind").str(lower(r.kind())).key("path").str(r.path())
          .key("items").strs(r.items()).close('}');
    }
    j.close(']');
    j.key("checks").open('[');
    for (SweepCheck c : spec.checks()) j.item().str(c.text());
    j.close(']');
    if (batches != null) batches(j.key("batches"), batches);
    j.close('}');
  }

  private static void series(Json j, SeriesRef s) {
    j.open('{').key("train").raw("" + s.train()).key("trainName").str(s.trainName())
        .key("observable").str(s.observable().scriptName()).close('}');
  }

  private static void check(Json j, CheckExpr e) {
    j.open('{');
    if (e instanceof CheckExpr.Number) {
      j.key("number").num(((CheckExpr.Number) e).value());
    } else if (e instanceof CheckExpr.Compare) {
      CheckExpr.Compare c = (CheckExpr.Compare) e;
      j.key("compare").str(c.op()).key("left");
      check(j, c.left());
      j.key("right");
      check(j, c.right());
    } else if (e instanceof CheckExpr.Arith) {
      CheckExpr.Arith a = (CheckExpr.Arith) e;
      j.key("arith").str(String.valueOf(a.op())).key("left");
      check(j, a.left());
      j.key("right");
      check(j, a.right());
    } else if (e instanceof CheckExpr.Apply) {
      CheckExpr.Apply a = (CheckExpr.Apply) e;
      j.key("apply").str(lower(a.fn())).key("arg");
      check(j, a.arg());
    } else {
      CheckExpr.SeriesFn f = (CheckExpr.SeriesFn) e;
      j.key("fn").str(lower(f.fn())).key("series").open('[');
      for (SeriesRef s : f.series()) series(j.item(), s);
      j.close(']').key("args").nums(f.args());
      // Additive: present only when a component was picked, so older plans read the same.
      if (f.components().stream().anyMatch(c -> c != CheckExpr.SeriesFn.ALL)) {
        j.key("components").ints(f.components());
      }
    }
    j.close('}');
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** A tiny streaming writer: two-space indentation, commas handled by open/key/item. */
  private static final class Json {
    private final StringBuilder out = new StringBuilder();
    private int depth;
    private boolean first = true;

    Json open(char c) {
      out.append(c);
      depth++;
      first = true;
      return this;
    }

    Json close(char c) {
      depth--;
      if (!first) newline();
      out.append(c);
      first = false;
      return this;
    }

    Json key(String k) {
      item();
      string(k);
      out.append(": ");
      return this;
    }

    /** Starts an array element or object member. */
    Json item() {
      if (!first) out.append(',');
      newline();
      first = false;
      return this;
    }

    Json str(String s) {
      string(s);
      return this;
    }

    Json num(double v) {
      if (!Double.isFinite(v)) throw new IllegalArgumentException("not a JSON number: " + v);
      out.append(PlanPrinter.num(v));
      return this;
    }

    Json raw(String s) {
      out.append(s);
      return this;
    }

    Json ints(List<Integer> xs) {
      out.append('[');
      for (int i = 0; i < xs.size(); i++) out.append(i == 0 ? "" : ", ").append(xs.get(i));
      out.append(']');
      return this;
    }

    Json nums(List<Double> xs) {
      out.append('[');
      for (int i = 0; i < xs.size(); i++) {
        if (i > 0) out.append(", ");
        num(xs.get(i));
      }
      out.append(']');
      return this;
    }

    Json strs(List<String> xs) {
      out.append('[');
      for (int i = 0; i < xs.size(); i++) {
        if (i > 0) out.append(", ");
        string(xs.get(i));
      }
      out.append(']');
      return this;
    }

    private void newline() {
      out.append('\n');
      for (int i = 0; i < depth; i++) out.append("  ");
    }

    private void string(String s) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"':
            out.append("\\\"");
            break;
          case '\\':
            out.append("\\\\");
            break;
          case '\n':
            out.append("\\n");
            break;
          case '\r':
            out.append("\\r");
            break;
          case '\t':
            out.append("\\t");
            break;
          default:
            if (c < 0x20) out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            else out.append(c);
        }
      }
      out.append('"');
    }

    String text() {
      return out.toString();
    }
  }
}
