package dyn.compiler.check;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.InitSpec;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.Parametrization;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.resolve.Program;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks {@code data} and {@code model} statements and turns them into plan steps. */
public final class Instances {
  private final Program program;
  private final Diagnostics diags;
  private final Map<String, Value> top;

  /** A built data step and its dimensions. */
  public record DataInfo(Stmt.Instance stmt, DataStep step, DatasetBuilder.Result result) {}

  /** A built model step. */
  public record ModelInfo(Stmt.Instance stmt, ModelStep step) {
    public ModelSpec spec() {
      return step.model();
    }
  }

  /**
   * @param top the names visible to instance arguments: params, instances, init rules
   */
  public Instances(Program program, Map<String, Value> top) {
    this.program = program;
    this.diags = program.main().diags();
    this.top = top;
  }

  private Evaluator callSite() {
    return Evaluator.scalars(diags, top);
  }

  /** A data step with the given id, or empty (reported). */
  public Optional<DataInfo> data(Stmt.Instance s, int id) {
    Program.Definition def = program.definitions().get(s.call().callee().name());
    if (def == null || def.syntax().kind() != Stmt.DefinitionKind.DATASET) return Optional.empty();
    List<String> keys = headerKeys(def);
    Map<String, Expr.Arg> bound = ArgBinder.bind(s.call(), keys, def.name(), diags);
    Map<String, Value> headers = Headers.bind(def, s.call(), bound, callSite(), diags);
    if (headers == null) return Optional.empty();
    Diagnostics body = new Diagnostics(def.unit().source());
    if (!Requirements.hold(def, headers, Requirements.given(def, bound, Map.of()), s.call(), diags,
        body, java.util.Set.of(), s.call().span())) {
      noteCallSite(body, def, s);
      return Optional.empty();
    }
    Optional<DatasetBuilder.Result> built = DatasetBuilder.build(def, headers, body);
    noteCallSite(body, def, s);
    if (built.isPresent() && !Sizes.data(diags, s.span(), s.name().name(), built.get().graph())) {
      return Optional.empty();
    }
    return built.map(r -> new DataInfo(s,
        new DataStep(id, s.name().name(), diags.origin(s.span()), r.graph(), r.outputs()), r));
  }

  /** A model step with the given id, or empty (reported). */
  public Optional<ModelInfo> model(Stmt.Instance s, int id, Map<String, DataInfo> data) {
    return model(s, id, data, Map.of());
  }

  /**
   * A model step with some header values fixed whatever the call says (a coordinate check
   * instantiates {@code width} at several values), or empty (reported).
   */
  public Optional<ModelInfo> model(Stmt.Instance s, int id, Map<String, DataInfo> data,
      Map<String, Value> fixedHeaders) {
    return model(s, id, data, fixedHeaders, s.call().span());
  }

  /**
   * As above; a requirement that fails on a fixed header is reported at {@code fixedAt} (the
   * coordinate check's widths) rather than at the model's call, which did not choose the value.
   */
  public Optional<ModelInfo> model(Stmt.Instance s, int id, Map<String, DataInfo> data,
      Map<String, Value> fixedHeaders, dyn.compiler.source.Span fixedAt) {
    Program.Definition def = program.definitions().get(s.call().callee().name());
    if (def == null || def.syntax().kind() != Stmt.DefinitionKind.MODEL) return Optional.empty();
    List<String> keys = headerKeys(def);
    List<String> declared = List.copyOf(keys);
    for (String k : Builtins.MODEL_KEYS) if (!declared.contains(k)) keys.add(k);
    Map<String, Expr.Arg> all = ArgBinder.bind(s.call(), keys, def.name(), diags);
    // A definition's own header shadows the instance knob of the same name: a model written
    // with its own `gamma` (f = … / gamma) gets the value, and the output-scale knob stays 1.
    Map<String, Expr.Arg> bound = new java.util.LinkedHashMap<>(all);
    for (String k : declared) if (Builtins.MODEL_KEYS.contains(k)) bound.remove(k);
    Evaluator at = callSite();
    double scale = 1;
    if (bound.containsKey("scale")) {
      Double v = Checks.positive(at, bound.get("scale").value(), "init scale", diags);
      if (v == null) return Optional.empty();
      scale = v;
    }
    long seed = 0;
    if (bound.containsKey("seed")) {
      Integer v = at.integer(bound.get("seed").value(), "a seed");
      if (v == null) return Optional.empty();
      seed = v;
    }
    Parametrization.Kind kind = Parametrization.Kind.STANDARD;
    Expr parArg = bound.containsKey("parametrization") ? bound.get("parametrization").value() : null;
    if (parArg != null) {
      kind = parametrization(at, parArg);
      if (kind == null) return Optional.empty();
    }
    double gamma = 1;
    if (bound.containsKey("gamma")) {
      Double v = Checks.positive(at, bound.get("gamma").value(), "output scale gamma", diags);
      if (v == null) return Optional.empty();
      gamma = v;
    }
    InitSpec.Kind initKind = InitSpec.Kind.DECLARED;
    DataInfo alignedTo = null;
    Expr initArg = bound.containsKey("init") ? bound.get("init").value() : null;
    if (initArg != null) {
      Value v = at.eval(initArg);
      if (v instanceof Value.Bad) return Optional.empty();
      if (v instanceof Value.Ref && ((Value.Ref) v).name().equals("balanced")) {
        initKind = InitSpec.Kind.BALANCED;
      } else if (v instanceof Value.Aligned) {
        initKind = InitSpec.Kind.ALIGNED;
        alignedTo = data.get(((Value.Aligned) v).data());
        if (alignedTo == null) {
          diags.error("type", initArg.span(), "`aligned` needs a `data` name");
          return Optional.empty();
        }
      } else if (!(v instanceof Value.Ref && ((Value.Ref) v).name().equals("gaussian"))) {
        diags.error("bad-init", initArg.span(),
            "init must be `gaussian`, `balanced` or `aligned(DATA)`, got " + Value.describe(v));
        return Optional.empty();
      }
    }
    Map<String, Value> headers = Headers.bind(def, s.call(), all, at, diags, fixedHeaders);
    if (headers == null) return Optional.empty();
    Diagnostics body = new Diagnostics(def.unit().source());
    if (!Requirements.hold(def, headers, Requirements.given(def, all, fixedHeaders), s.call(),
        diags, body, fixedHeaders.keySet(), fixedAt)) {
      noteCallSite(body, def, s);
      return Optional.empty();
    }
    Optional<ModelSpec> spec = ModelBuilder.build(def, headers, body);
    noteCallSite(body, def, s);
    if (spec.isEmpty()) return Optional.empty();
    if (!Sizes.model(diags, s.span(), s.name().name(), spec.get())) return Optional.empty();
    Parametrizer.Result p = Parametrizer.apply(spec.get(), kind, gamma);
    if (p.error() != null) {
      diags.error("bad-parametrization", parArg.span(), p.error(),
          "drop `parametrization` (or write `parametrization = standard`)");
      return Optional.empty();
    }
    spec = Optional.of(p.model());
    if (alignedTo != null && kind != Parametrization.Kind.STANDARD) {
      diags.error("bad-init", initArg.span(), "`aligned` init sets θ(0) itself and cannot be"
          + " combined with `parametrization = " + kind.scriptName() + "`");
      return Optional.empty();
    }
    if (alignedTo != null && !alignable(spec.get(), alignedTo, initArg)) return Optional.empty();
    if (initKind == InitSpec.Kind.BALANCED && spec.get().neurons().isEmpty()) {
      diags.error("bad-init", initArg.span(), "`balanced` init needs a neuron decomposition, but `"
          + def.name() + "` declares none");
      return Optional.empty();
    }
    InitSpec init =
        new InitSpec(scale, seed, initKind, alignedTo == null ? -1 : alignedTo.step().id());
    return Optional.of(new ModelInfo(s,
        new ModelStep(id, s.name().name(), diags.origin(s.span()), spec.get(), init)));
  }

  private Parametrization.Kind parametrization(Evaluator at, Expr e) {
    Value v = at.eval(e);
    if (v instanceof Value.Bad) return null;
    if (v instanceof Value.Ref) {
      for (Parametrization.Kind k : Parametrization.Kind.values()) {
        if (k.scriptName().equals(((Value.Ref) v).name())) return k;
      }
    }
    diags.error("bad-parametrization", e.span(), "parametrization must be `standard`, `ntk`,"
        + " `mup` or `mean_field`, got " + Value.describe(v));
    return null;
  }

  private boolean alignable(ModelSpec m, DataInfo d, Expr at) {
    String why = null;
    if (d.result().paired() && d.result().teacherShape().isEmpty()) {
      // Aligned to the views' modes (reference §5): W = scale·(e_1 … e_d)ᵀ.
      why = LinearEmbedding.problem(m);
      if (why != null) {
        why = "`aligned` init on paired data `" + d.step().name() + "` needs a linear embedding"
            + " f(x) = W x, but `" + m.name() + "` is not one: " + why;
      } else if (m.inputDim() != d.result().inputDim() || m.outputDim() > m.inputDim()) {
        why = "`aligned` init on paired data: the model maps " + m.inputDim() + " inputs to "
            + m.outputDim() + " outputs, but data `" + d.step().name() + "` has "
            + d.result().inputDim() + " inputs (and an embedding has at most as many outputs)";
      }
    } else if (m.params().size() != 2 || !m.linearInX()) {
      why = "`aligned` init needs a two-layer linear model, but `" + m.name() + "` is not one";
    } else if (d.result().teacherShape().isEmpty()) {
      why = "`aligned` init needs data with a `teacher`, but `" + d.step().name() + "` has none";
    } else {
      int[] t = d.result().teacherShape().get();
      if (t[0] != m.outputDim() || t[1] != m.inputDim()) {
        why = "the teacher of `" + d.step().name() + "` is " + Shapes.show(t[0], t[1])
            + " but the model maps " + m.inputDim() + " inputs to " + m.outputDim() + " outputs";
      }
    }
    if (why == null) return true;
    diags.add(new Diagnostic(Diagnostic.Severity.ERROR, "bad-init", diags.origin(at.span()), why,
        List.of(new Diagnostic.Related(d.step().origin(), "data declared here")), Optional.empty()));
    return false;
  }

  /**
   * Moves errors found while unrolling a definition into its file's diagnostics, each with the
   * instantiating statement as a related location: the same body line can fail for one call's
   * arguments and not another's.
   */
  private void noteCallSite(Diagnostics body, Program.Definition def, Stmt.Instance s) {
    Diagnostic.Related call = new Diagnostic.Related(diags.origin(s.call().span()),
        "in `" + s.name().name() + " = " + def.name() + "(…)`, instantiated here");
    for (Diagnostic d : body.list()) {
      List<Diagnostic.Related> related = new ArrayList<>(d.related());
      related.add(call);
      def.unit().diags().add(new Diagnostic(d.severity(), d.code(), d.where(), d.message(),
          related, d.hint()));
    }
  }

  private static List<String> headerKeys(Program.Definition def) {
    List<String> keys = new ArrayList<>();
    def.syntax().params().forEach(h -> keys.add(h.name().name()));
    return keys;
  }
}
