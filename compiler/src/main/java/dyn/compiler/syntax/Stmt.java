package dyn.compiler.syntax;

import dyn.compiler.source.Span;
import java.util.List;
import java.util.Optional;

/** Top-level statements of a script or stdlib module. */
public sealed interface Stmt extends Node {
  <R> R accept(StmtVisitor<R> v);

  /** {@code import models}: load stdlib/models.dyn. */
  record Import(Span span, Ident module) implements Stmt {
    public <R> R accept(StmtVisitor<R> v) {
      return v.visitImport(this);
    }
  }

  /** {@code param alpha = 1e-4}: a scalar overridable from the command line. */
  record Param(Span span, Ident name, Expr value) implements Stmt {
    public <R> R accept(StmtVisitor<R> v) {
      return v.visitParam(this);
    }
  }

  /**
   * {@code data|model|train|predict|compare NAME = CALL}: instantiate a dataset, a model, a
   * training run, an AGF prediction, or a comparison of a recorded loss with a prediction.
   */
  record Instance(Span span, InstanceKind kind, Ident name, Expr.Call call) implements Stmt {
    public <R> R accept(StmtVisitor<R> v) {
      return v.visitInstance(this);
    }
  }

  /**
   * The instantiating keywords. {@code predict} and {@code compare} reuse the instance form: a
   * builtin call ({@code agf(…)}, {@code staircase(…)}) bound to a name.
   */
  enum InstanceKind {
    DATA,
    MODEL,
    TRAIN,
    PREDICT,
    COMPARE
  }

  /**
   * {@code observe loss, test_loss [for gf, gd] [at log(0.01, 10, 40)]}; an observable with
   * settings is written as a call, {@code fourier_power(period = 20)}.
   *
   * @param observables every observable's name, in order, including those written as calls
   * @param trains empty means every train statement
   * @param settings the observables written as calls ({@code fourier_power(period = 20)})
   */
  record Observe(Span span, List<Ident> observables, List<Ident> trains, Optional<Expr.Call> grid,
      List<Expr.Call> settings) implements Stmt {
    public Observe {
      observables = List.copyOf(observables);
      trains = List.copyOf(trains);
      settings = List.copyOf(settings);
    }

    /** Observables given by name only. */
    public Observe(Span span, List<Ident> observables, List<Ident> trains,
        Optional<Expr.Call> grid) {
      this(span, observables, trains, grid, List.of());
    }

    /** The call that gave settings to observable {@code name}, if it was written as one. */
    public Optional<Expr.Call> settingsOf(String name) {
      return settings.stream().filter(c -> c.callee().name().equals(name)).findFirst();
    }

    public <R> R accept(StmtVisitor<R> v) {
      return v.visitObserve(this);
    }
  }

  /** {@code report table(gf.loss)}, {@code report csv("out.csv")}, {@code report json("out.json")}. */
  record Report(Span span, Expr.Call call) implements Stmt {
    public <R> R accept(StmtVisitor<R> v) {
      return v.visitReport(this);
    }
  }

  /** {@code check final(gf.loss) < 1e-6}. */
  record Check(Span span, Expr condition) implements Stmt {
    public <R> R accept(StmtVisitor<R> v) {
      return v.visitCheck(this);
    }
  }

  /** {@code model NAME(params) { body }} or {@code dataset NAME(params) { body }}. */
  record Definition(Span span, DefinitionKind kind, Ident name, List<Header> params, List<Body> body)
      implements Stmt {
    public Definition {
      params = List.copyOf(params);
      body = List.copyOf(body);
    }

    public <R> R accept(StmtVisitor<R> v) {
      return v.visitDefinition(this);
    }
  }

  /** What a definition defines. */
  enum DefinitionKind {
    MODEL,
    DATASET
  }

  /** One header parameter of a definition, {@code act = linear}. */
  record Header(Span span, Ident name, Optional<Expr> defaultValue) implements Node {}

  /**
   * {@code sweep s = grid(lr = logspace(1e-3, 1, 7), seed = seeds(3)) { loss = final(gd.loss) }}:
   * the script run once per point of a parameter space, each point recording the named metrics.
   *
   * @param space the space of points: {@code grid(...)} or {@code zip(...)}
   * @param metrics {@code NAME = EXPR} per point, in source order
   */
  record Sweep(Span span, Ident name, Expr.Call space, List<Metric> metrics) implements Stmt {
    public Sweep {
      metrics = List.copyOf(metrics);
    }

    public <R> R accept(StmtVisitor<R> v) {
      return v.visitSweep(this);
    }
  }

  /** One metric of a sweep: a scalar computed from a point's results, {@code loss = final(gd.loss)}. */
  record Metric(Span span, Ident name, Expr value) implements Node {}

  /**
   * {@code let best = argmin(s.loss, over = lr)}: a value derived from sweep results (a reduction
   * or a fit), computed once every point has finished.
   */
  record Derive(Span span, Ident name, Expr value) implements Stmt {
    public <R> R accept(StmtVisitor<R> v) {
      return v.visitDerive(this);
    }
  }

  /**
   * {@code backend cuda}: where the script's plan runs when {@code --backend} is not given. The
   * name is checked by the resolver (cpu, cuda or auto), not by the parser, so a typo gets a
   * did-you-mean.
   */
  record Backend(Span span, Ident name) implements Stmt {
    public <R> R accept(StmtVisitor<R> v) {
      return v.visitBackend(this);
    }
  }
}
