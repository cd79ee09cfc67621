package dyn.compiler.check;

import dyn.compiler.data.DataFile;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.Op;
import dyn.compiler.syntax.Expr;
import java.util.ArrayList;
import java.util.List;

/** The dataset primitives: random draws and constant matrices, with their shape checks. */
final class DataPrimitives {
  private final Evaluator eval;
  private final Diagnostics diags;
  private final GraphBuilder graph;

  DataPrimitives(Evaluator eval, Diagnostics diags, GraphBuilder graph) {
    this.eval = eval;
    this.diags = diags;
    this.graph = graph;
  }

  Value call(String f, Expr.Call e) {
    DataFile.Format format = DataFile.Format.ofPrimitive(f);
    if (format != null) return new DataLoads(eval, diags, graph).load(format, e);
    switch (f) {
      case "corrupt": {
        // Label noise on any class-index row or one-hot columns: test labels stay clean unless
        // corrupted too.
        List<Expr> a = eval.positional(e, 3);
        if (a == null) return new Value.Bad();
        Value.Tensor t = eval.tensor(eval.eval(a.get(0)), a.get(0).span());
        Double fraction = eval.number(a.get(1), "the fraction of `corrupt`");
        Integer classes = eval.count(a.get(2), "the class count of `corrupt`", 2);
        long stream = eval.nextStream();
        if (t == null || fraction == null || classes == null) return new Value.Bad();
        if (!(fraction >= 0 && fraction <= 1)) {
          diags.error("bad-fraction", a.get(1).span(), "the fraction of `corrupt` must be in [0, 1], got "
              + Format.num(fraction));
          return new Value.Bad();
        }
        if (t.rows() != 1 && t.rows() != classes) {
          diags.error("shape", a.get(0).span(), "`corrupt` takes a row of class indices (1 × n) or "
              + "one-hot columns (" + classes + " × n, one row per class), got " + Shapes.show(t),
              null);
          return new Value.Bad();
        }
        return graph.add(new Op.Corrupt(t.node(), fraction, classes, stream), t.rows(), t.cols(),
            false);
      }
      case "normal": {
        List<Expr> a = eval.positional(e, 2);
        if (a == null) return new Value.Bad();
        Integer r = eval.count(a.get(0), "the row count of `normal`", 1);
        Integer c = eval.count(a.get(1), "the column count of `normal`", 0);
        // The site is taken even after an error so that later streams do not shift.
        long stream = eval.nextStream();
        if (r == null || c == null) return new Value.Bad();
        return graph.add(new Op.Normal(r, c, stream), r, c, false);
      }
      case "orthogonal": {
        List<Expr> a = eval.positional(e, 1);
        if (a == null) return new Value.Bad();
        Integer n = eval.count(a.get(0), "the size of `orthogonal`", 1);
        long stream = eval.nextStream();
        if (n == null) return new Value.Bad();
        return graph.add(new Op.Orthogonal(n, stream), n, n, false);
      }
      case "whiten": {
        List<Expr> a = eval.positional(e, 1);
        if (a == null) return new Value.Bad();
        Value.Tensor t = eval.tensor(eval.eval(a.get(0)), a.get(0).span());
        if (t == null) return new Value.Bad();
        if (t.cols() < t.rows()) {
          diags.error("whiten-too-few", e.span(), "cannot whiten " + Shapes.show(t)
              + ": it needs at least as many samples (columns) as dimensions (rows)");
          return new Value.Bad();
        }
        return graph.add(new Op.Whiten(t.node()), t.rows(), t.cols(), false);
      }
      case "mask": {
        // Random masking, an augmentation: x2 = mask(signal, 0.2) drops a fifth of the entries.
        List<Expr> a = eval.positional(e, 2);
        if (a == null) return new Value.Bad();
        Value.Tensor t = eval.tensor(eval.eval(a.get(0)), a.get(0).span());
        Double p = eval.number(a.get(1), "the masking probability of `mask`");
        long stream = eval.nextStream();
        if (t == null || p == null) return new Value.Bad();
        if (!(p >= 0 && p <= 1)) {
          diags.error("bad-fraction", a.get(1).span(), "the masking probability of `mask` must be"
              + " in [0, 1], got " + Format.num(p));
          return new Value.Bad();
        }
        return graph.add(new Op.Mask(t.node(), p, stream), t.rows(), t.cols(), false);
      }
      case "shuffle": {
        // The samples in a seeded random order; shuffle x and y stacked to keep them paired.
        List<Expr> a = eval.positional(e, 1);
        if (a == null) return new Value.Bad();
        Value.Tensor t = eval.tensor(eval.eval(a.get(0)), a.get(0).span());
        long stream = eval.nextStream();
        if (t == null) return new Value.Bad();
        return graph.add(new Op.Shuffle(t.node(), stream), t.rows(), t.cols(), false);
      }
      case "diag": {
        List<Expr> a = eval.positional(e, 3);
        if (a == null) return new Value.Bad();
        Value.Tensor v = eval.tensor(eval.eval(a.get(0)), a.get(0).span());
        Integer r = eval.count(a.get(1), "the row count of `diag`", 1);
        Integer c = eval.count(a.get(2), "the column count of `diag`", 1);
        if (v == null || r == null || c == null) return new Value.Bad();
        if (v.cols() != 1 || v.rows() > Math.min(r, c)) {
          diags.error("shape", a.get(0).span(), "`diag` needs a vector of at most "
              + Math.min(r, c) + " entries for a " + Shapes.show(r, c) + " matrix, got "
              + Shapes.show(v));
          return new Value.Bad();
        }
        return graph.add(new Op.Diag(v.node(), r, c), r, c, false);
      }
      case "eye": {
        List<Expr> a = eval.positional(e, 1);
        if (a == null) return new Value.Bad();
        Integer n = eval.count(a.get(0), "the size of `eye`", 1);
        if (n == null) return new Value.Bad();
        if (!Sizes.constant(diags, e.span(), () -> "`eye(" + n + ")`", n, n)) return new Value.Bad();
        List<Double> v = new ArrayList<>(n * n);
        for (int i = 0; i < n * n; i++) v.add(i % (n + 1) == 0 ? 1.0 : 0.0);
        return graph.add(new Op.Constant(v), n, n, false);
      }
      case "range": {
        // 0, 1, …, n − 1 as a row: an index to build templates and Fourier modes from.
        List<Expr> a = eval.positional(e, 1);
        if (a == null) return new Value.Bad();
        Integer n = eval.count(a.get(0), "the length of `range`", 1);
        if (n == null) return new Value.Bad();
        if (!Sizes.constant(diags, e.span(), () -> "`range(" + n + ")`", 1, n)) return new Value.Bad();
        List<Double> v = new ArrayList<>(n);
        for (int i = 0; i < n; i++) v.add((double) i);
        return graph.add(new Op.Constant(v), 1, n, false);
      }
      case "pairs": {
        // Every (a, b) in {0 … p−1}², a-major: row 0 holds a, row 1 holds b (2 × p²).
        List<Expr> a = eval.positional(e, 1);
        if (a == null) return new Value.Bad();
        Integer p = eval.count(a.get(0), "the modulus of `pairs`", 1);
        if (p == null) return new Value.Bad();
        if (!Sizes.constant(diags, e.span(), () -> "`pairs(" + p + ")`", 2, (long) p * p)) return new Value.Bad();
        List<Double> v = new ArrayList<>(2 * p * p);
        for (int i = 0; i < p * p; i++) v.add((double) (i / p));
        for (int i = 0; i < p * p; i++) v.add((double) (i % p));
        return graph.add(new Op.Constant(v), 2, p * p, false);
      }
      default: { // ones
        List<Expr> a = eval.positional(e, 2);
        if (a == null) return new Value.Bad();
        Integer r = eval.count(a.get(0), "the row count of `ones`", 1);
        Integer c = eval.count(a.get(1), "the column count of `ones`", 0); // r × 0: no samples, as normal(r, 0)
        if (r == null || c == null) return new Value.Bad();
        if (!Sizes.constant(diags, e.span(), () -> "`ones(" + r + ", " + c + ")`", r, c)) return new Value.Bad();
        return graph.filled(r, c, 1.0);
      }
    }
  }
}
