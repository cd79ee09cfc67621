package dyn.compiler.resolve;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Ident;
import dyn.compiler.syntax.Stmt;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks the names used by the script's top-level statements against the declared ones. */
final class TopLevelNames {
  private final Diagnostics diags;
  private final Set<String> params;
  private final Map<String, Stmt.Instance> instances;
  private final Map<String, Program.Definition> definitions;

  TopLevelNames(
      Diagnostics diags,
      Set<String> params,
      Map<String, Stmt.Instance> instances,
      Map<String, Program.Definition> definitions) {
    this.diags = diags;
    this.params = params;
    this.instances = instances;
    this.definitions = definitions;
  }

  /** A param value or grid argument: params and scalar functions only. */
  void scalar(Expr e) {
    walk(e, null, params, List.of());
  }

  void instance(Stmt.Instance s) {
    Expr.Call call = s.call();
    String callee = call.callee().name();
    List<String> keys = new ArrayList<>();
    switch (s.kind()) {
      case TRAIN:
        if (!Builtins.TRAINS.containsKey(callee)) {
          UnknownNames.report(diags, call.callee().span(), "training method", callee,
              Builtins.TRAINS.keySet());
        } else {
          keys.addAll(Builtins.TRAINS.get(callee));
        }
        break;
      case DATA:
      case MODEL:
        Stmt.DefinitionKind want =
            s.kind() == Stmt.InstanceKind.DATA ? Stmt.DefinitionKind.DATASET : Stmt.DefinitionKind.MODEL;
        Program.Definition d = definitions.get(callee);
        if (d == null) {
          List<String> same = new ArrayList<>();
          definitions.values().stream().filter(x -> x.syntax().kind() == want)
              .forEach(x -> same.add(x.name()));
          UnknownNames.report(diags, call.callee().span(), want == Stmt.DefinitionKind.MODEL
              ? "model" : "dataset", callee, same);
        } else if (d.syntax().kind() != want) {
          diags.error("wrong-kind", call.callee().span(), "`" + callee + "` is a "
              + kind(d.syntax().kind()) + " definition, not a " + kind(want));
        } else {
          d.syntax().params().forEach(h -> keys.add(h.name().name()));
          if (want == Stmt.DefinitionKind.MODEL) keys.addAll(Builtins.MODEL_KEYS);
        }
        break;
      case PREDICT:
        builtin(call, "prediction", Builtins.PREDICTS, keys);
        break;
      case COMPARE:
        builtin(call, "comparison", Builtins.COMPARES, keys);
        // An unknown method has no keys to read its arguments by: `stairrcase(gd.loss, p)` went
        // on to call `gd.loss` a misplaced index and `p` an unknown name.
        if (Builtins.COMPARES.containsKey(callee)) compare(call, keys);
        return;
      default:
        throw new AssertionError(s.kind());
    }
    Set<String> scope = new LinkedHashSet<>(params);
    scope.addAll(instances.keySet());
    scope.addAll(Builtins.ACTIVATIONS.keySet());
    scope.addAll(Builtins.INITS);
    if (s.kind() == Stmt.InstanceKind.MODEL) scope.addAll(Builtins.PARAMETRIZATIONS);
    if (s.kind() == Stmt.InstanceKind.TRAIN) {
      scope.addAll(Builtins.LOSSES);
      scope.addAll(Builtins.SCHEDULES);
    }
    Program.Definition def = s.kind() == Stmt.InstanceKind.DATA || s.kind() == Stmt.InstanceKind.MODEL
        ? definitions.get(callee) : null;
    int position = 0;
    for (Expr.Arg a : call.args()) {
      // A positional argument has the key of its position: `descent(net, teachr)`'s second is `data`.
      String key = a.name().map(Ident::name).orElse(position < keys.size() ? keys.get(position) : null);
      position++;
      Expr v = a.value();
      Expected want = expected(key, def);
      if (want != null && v instanceof Expr.Name && !scope.contains(((Expr.Name) v).name())) {
        UnknownNames.report(diags, v.span(), want.what(), ((Expr.Name) v).name(), want.names());
        continue;
      }
      walk(v, key, scope, keys);
    }
  }

  /** The kind of name an argument position expects, and the names of that kind in scope. */
  private record Expected(String what, Collection<String> names) {}

  /**
   * What the argument {@code key} expects when it is a name of one kind: a model or dataset
   * instance, an activation, an init rule, a parametrization, or a param (for the number keys of
   * trains, predictions and model instances). Null where the key does not say (then the value is
   * walked as an expression, and its unknown names are reported as names).
   *
   * @param def the definition a data/model statement instantiates (its header gives the keys
   *     whose default is an activation, such as {@code two_layer}'s {@code act = linear}), or null
   */
  private Expected expected(String key, Program.Definition def) {
    if (key == null) return null;
    switch (key) {
      case "model":
        return new Expected("model", instanceNames(Stmt.InstanceKind.MODEL));
      case "data":
        return new Expected("dataset", instanceNames(Stmt.InstanceKind.DATA));
      case "act":
        return new Expected("activation", Builtins.ACTIVATIONS.keySet());
      case "init":
        return new Expected("init", List.of("gaussian", "balanced"));
      case "parametrization":
        return new Expected("parametrization", Builtins.PARAMETRIZATIONS);
      default:
        break;
    }
    if (def != null) {
      for (Stmt.Header h : def.syntax().params()) {
        if (h.name().name().equals(key) && h.defaultValue().orElse(null) instanceof Expr.Name
            && Builtins.ACTIVATIONS.containsKey(((Expr.Name) h.defaultValue().get()).name())) {
          return new Expected("activation", Builtins.ACTIVATIONS.keySet());
        }
      }
      if (!Builtins.MODEL_KEYS.contains(key)) return null;
    }
    if (NUMBER_KEYS.contains(key)) return new Expected("param", params);
    return null;
  }

  /** Keys of trains, predictions and model instances that take a number (a param by name). */
  private static final Set<String> NUMBER_KEYS = Set.of("until", "rtol", "atol", "max_steps", "lr",
      "steps", "batch", "seed", "step", "rounds", "cost_tol", "cost_steps", "scale", "gamma");

  private List<String> instanceNames(Stmt.InstanceKind kind) {
    List<String> names = new ArrayList<>();
    instances.values().stream().filter(x -> x.kind() == kind).forEach(x -> names.add(x.name().name()));
    return names;
  }

  private void builtin(Expr.Call call, String what, Map<String, List<String>> known,
      List<String> keys) {
    String callee = call.callee().name();
    if (!known.containsKey(callee)) {
      UnknownNames.report(diags, call.callee().span(), what, callee, known.keySet());
    } else {
      keys.addAll(known.get(callee));
    }
  }

  /**
   * {@code staircase(gf.loss, agf1, …)}, {@code trajectory(gd.loss, lazy.loss, …)}: a series, a
   * prediction (by name, or one of its series), then numbers and {@code expect = pass | fail}
   * (whose spelling the checker judges).
   */
  private void compare(Expr.Call call, List<String> keys) {
    int position = 0;
    for (Expr.Arg a : call.args()) {
      String key = a.name().map(Ident::name)
          .orElse(position < keys.size() ? keys.get(position) : null);
      position++;
      if ("series".equals(key)) {
        check(a.value());
      } else if ("prediction".equals(key)) {
        Expr v = a.value();
        if (v instanceof Expr.Member && ((Expr.Member) v).target() instanceof Expr.Name) {
          v = ((Expr.Member) v).target(); // `lazy.loss`: its prediction must exist
        }
        Stmt.Instance i = v instanceof Expr.Name ? instances.get(((Expr.Name) v).name()) : null;
        if (i == null || i.kind() != Stmt.InstanceKind.PREDICT) {
          List<String> predicts = new ArrayList<>();
          instances.values().stream().filter(x -> x.kind() == Stmt.InstanceKind.PREDICT)
              .forEach(x -> predicts.add(x.name().name()));
          if (i != null) {
            // `staircase(gd.loss, gd)`: not unknown, but another kind of statement.
            diags.error("type", v.span(), "`" + i.name().name() + "` is a "
                + i.kind().name().toLowerCase(java.util.Locale.ROOT) + ", not a prediction",
                predicts.isEmpty() ? "compare against a `predict` statement, e.g. `predict p = agf(net, data)`"
                    : "compare against a `predict` statement: " + String.join(", ", predicts));
          } else if (v instanceof Expr.Name) {
            UnknownNames.report(diags, v.span(), "prediction", ((Expr.Name) v).name(), predicts);
          } else {
            diags.error("type", v.span(), "expected the name of a `predict` statement");
          }
        }
      } else if (!"expect".equals(key)) {
        walk(a.value(), key, params, keys);
      }
    }
  }

  void observe(Stmt.Observe o) {
    for (Ident obs : o.observables()) {
      if (!Builtins.OBSERVABLES.containsKey(obs.name())) {
        UnknownNames.report(diags, obs.span(), "observable", obs.name(),
            Builtins.OBSERVABLES.keySet());
      }
    }
    for (Ident t : o.trains()) trainName(t.name(), t.span());
    o.grid().ifPresent(g -> {
      if (!Builtins.GRIDS.contains(g.callee().name())) {
        UnknownNames.report(diags, g.callee().span(), "grid", g.callee().name(), Builtins.GRIDS);
      }
      for (Expr.Arg a : g.args()) scalar(a.value());
    });
  }

  void report(Stmt.Report r) {
    Expr.Call c = r.call();
    if (!Builtins.REPORTS.contains(c.callee().name())) {
      UnknownNames.report(diags, c.callee().span(), "report", c.callee().name(), Builtins.REPORTS);
    }
    if (c.callee().name().equals("coord_check")) {
      coordCheck(c);
      return;
    }
    if (c.callee().name().equals("heatmap")) {
      // heatmap("k.svg", k): a kernel prediction (a sweep table's heatmap never gets here).
      for (Expr.Arg a : c.args()) {
        if (a.name().isEmpty() && a.value() instanceof Expr.Name) {
          String n = ((Expr.Name) a.value()).name();
          Stmt.Instance i = instances.get(n);
          if (i == null || i.kind() != Stmt.InstanceKind.PREDICT) {
            List<String> predicts = new ArrayList<>();
            instances.values().stream().filter(x -> x.kind() == Stmt.InstanceKind.PREDICT)
                .forEach(x -> predicts.add(x.name().name()));
            UnknownNames.report(diags, a.value().span(), "prediction", n, predicts);
          }
        }
      }
      return;
    }
    if (c.callee().name().equals("params")) {
      // params("theta.npz", gd): the file name, then the train whose θ is exported.
      for (Expr.Arg a : c.args()) {
        if (a.value() instanceof Expr.Name) {
          trainName(((Expr.Name) a.value()).name(), a.value().span());
        }
      }
      return;
    }
    for (Expr.Arg a : c.args()) {
      // Plot options (`x = log`, `title = "…"`) are not series or params; Outputs checks them.
      if (a.name().isEmpty() || !c.callee().name().equals("plot")) check(a.value());
    }
  }

  /** {@code coord_check(MODEL, DATA, widths = […], steps = K, lr = η)}: two names, then params. */
  private void coordCheck(Expr.Call call) {
    List<String> keys = Builtins.COORD_CHECK_KEYS;
    int position = 0;
    for (Expr.Arg a : call.args()) {
      String key = a.name().map(Ident::name)
          .orElse(position < keys.size() ? keys.get(position) : null);
      position++;
      if ("model".equals(key) || "data".equals(key)) {
        Stmt.InstanceKind want =
            key.equals("model") ? Stmt.InstanceKind.MODEL : Stmt.InstanceKind.DATA;
        Expr v = a.value();
        if (v instanceof Expr.Member && ((Expr.Member) v).target() instanceof Expr.Name) {
          v = ((Expr.Member) v).target(); // `lazy.loss`: its prediction must exist
        }
        Stmt.Instance i = v instanceof Expr.Name ? instances.get(((Expr.Name) v).name()) : null;
        if (i == null || i.kind() != want) {
          List<String> same = new ArrayList<>();
          instances.values().stream().filter(x -> x.kind() == want)
              .forEach(x -> same.add(x.name().name()));
          if (v instanceof Expr.Name) {
            UnknownNames.report(diags, v.span(), key.equals("data") ? "dataset" : key,
                ((Expr.Name) v).name(), same);
          } else {
            diags.error("type", v.span(), "expected the name of a `" + key + "` statement");
          }
        }
      } else if (!"expect".equals(key)) {
        walk(a.value(), key, params, keys);
      }
    }
  }

  /** A check condition or report argument: series functions, series, params, numbers. */
  void check(Expr e) {
    if (e instanceof Expr.Member) {
      Expr t = ((Expr.Member) e).target();
      if (t instanceof Expr.Name) {
        seriesOwner(((Expr.Name) t).name(), t.span());
      } else {
        diags.error("bad-series", e.span(), "a series is written TRAIN.OBSERVABLE, e.g. `gf.loss`");
      }
    } else if (e instanceof Expr.Call) {
      Expr.Call c = (Expr.Call) e;
      // Series functions, and elementwise math (log, sqrt, exp, …) of their values or of params.
      if (!Builtins.CHECK_FNS.contains(c.callee().name()) && !Builtins.ACTIVATIONS.containsKey(c.callee().name())) {
        List<String> fns = new ArrayList<>(Builtins.CHECK_FNS);
        fns.addAll(Builtins.ACTIVATIONS.keySet());
        UnknownNames.report(diags, c.callee().span(), "function", c.callee().name(), fns);
      }
      for (Expr.Arg a : c.args()) check(a.value());
    } else if (e instanceof Expr.Binary) {
      check(((Expr.Binary) e).left());
      check(((Expr.Binary) e).right());
    } else if (e instanceof Expr.Unary) {
      check(((Expr.Unary) e).operand());
    } else if (e instanceof Expr.Name) {
      String n = ((Expr.Name) e).name();
      Stmt.Instance named = instances.get(n);
      if (!params.contains(n) && named != null
          && (named.kind() == Stmt.InstanceKind.TRAIN || named.kind() == Stmt.InstanceKind.PREDICT)) {
        // `report table(gd)`: "unknown name `gd`" was false; a train or a prediction is named by
        // one of its series.
        diags.error("not-a-series", e.span(), "`" + n + "` is a "
            + (named.kind() == Stmt.InstanceKind.TRAIN ? "train" : "prediction") + ", not a series",
            "name one of its series, e.g. `" + n + ".loss`");
      } else if (!params.contains(n)) {
        Set<String> scope = new LinkedHashSet<>(params);
        instances.values().stream().filter(i -> i.kind() == Stmt.InstanceKind.TRAIN)
            .forEach(i -> scope.add(i.name().name()));
        UnknownNames.report(diags, e.span(), "name", n, scope);
      }
    }
  }

  /** The owner of a series: a train, or a prediction (whose series is its predicted loss). */
  private void seriesOwner(String name, dyn.compiler.source.Span span) {
    Stmt.Instance i = instances.get(name);
    if (i != null && i.kind() == Stmt.InstanceKind.PREDICT) return;
    trainName(name, span);
  }

  private void trainName(String name, dyn.compiler.source.Span span) {
    Stmt.Instance i = instances.get(name);
    if (i == null || i.kind() != Stmt.InstanceKind.TRAIN) {
      List<String> trains = new ArrayList<>();
      instances.values().stream().filter(x -> x.kind() == Stmt.InstanceKind.TRAIN)
          .forEach(x -> trains.add(x.name().name()));
      UnknownNames.report(diags, span, "train", name, trains);
    }
  }

  /** Walks a value expression: names must be in scope, calls must be known scalar functions. */
  private void walk(Expr e, String key, Collection<String> scope, List<String> keys) {
    if (e instanceof Expr.Name) {
      String n = ((Expr.Name) e).name();
      if (!scope.contains(n)) {
        List<String> cands = new ArrayList<>(scope);
        cands.addAll(keys);
        UnknownNames.value(diags, e.span(), n, key, cands);
      }
    } else if (e instanceof Expr.Call) {
      Expr.Call c = (Expr.Call) e;
      String f = c.callee().name();
      if ("loss".equals(key) && Builtins.LOSSES.contains(f) && !Builtins.LOSS_KEYS.containsKey(f)) {
        // `mse(1)` is a loss, one without settings: "unknown loss `mse`" was false.
        diags.error("bad-argument", c.span(), "loss `" + f + "` takes no settings",
            "write `loss = " + f + "`");
      } else if ("loss".equals(key) && !Builtins.LOSS_KEYS.containsKey(f)) {
        // A loss with settings, `barlow_twins(off_diagonal = 0.5)`: suggest from the losses.
        UnknownNames.report(diags, c.callee().span(), "loss", f, Builtins.LOSS_KEYS.keySet());
      } else if (!"loss".equals(key) && !f.equals("aligned") && !Builtins.ACTIVATIONS.containsKey(f)
          && !Builtins.SPECTRA.containsKey(f)) {
        List<String> fns = new ArrayList<>(Builtins.ACTIVATIONS.keySet());
        fns.add("aligned");
        fns.addAll(Builtins.SPECTRA.keySet());
        UnknownNames.report(diags, c.callee().span(), "function", f, fns);
      }
      for (Expr.Arg a : c.args()) {
        // `aligned(teachr)` names a dataset.
        Expr v = a.value();
        if (f.equals("aligned") && v instanceof Expr.Name && !scope.contains(((Expr.Name) v).name())) {
          UnknownNames.report(diags, v.span(), "dataset", ((Expr.Name) v).name(),
              instanceNames(Stmt.InstanceKind.DATA));
        } else {
          walk(v, null, scope, keys);
        }
      }
    } else if (e instanceof Expr.Binary) {
      walk(((Expr.Binary) e).left(), key, scope, keys);
      walk(((Expr.Binary) e).right(), key, scope, keys);
    } else if (e instanceof Expr.Unary) {
      walk(((Expr.Unary) e).operand(), key, scope, keys);
    } else if (e instanceof Expr.Vector) {
      for (Expr x : ((Expr.Vector) e).elements()) walk(x, key, scope, keys);
    } else if (e instanceof Expr.Cond) {
      Expr.Cond c = (Expr.Cond) e;
      walk(c.condition(), key, scope, keys);
      walk(c.then(), key, scope, keys);
      walk(c.otherwise(), key, scope, keys);
    } else if (e instanceof Expr.Transpose) {
      walk(((Expr.Transpose) e).operand(), key, scope, keys);
    } else if (e instanceof Expr.Index || e instanceof Expr.Member) {
      diags.error("bad-expression", e.span(), "indexing and `.` are not allowed here");
    }
  }

  private static String kind(Stmt.DefinitionKind k) {
    return k == Stmt.DefinitionKind.MODEL ? "model" : "dataset";
  }

}
