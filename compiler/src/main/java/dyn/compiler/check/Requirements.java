package dyn.compiler.check;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.resolve.Program;
import dyn.compiler.source.Span;
import dyn.compiler.syntax.Body;
import dyn.compiler.syntax.Expr;
import dyn.compiler.syntax.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a definition's {@code require} statements on the values its header was bound to, before
 * the body is unrolled. A false condition is the caller's mistake, so it is reported once, at the
 * call in the caller's file: on the argument when the condition mentions exactly one parameter the
 * call gave, else on the whole call; the definition's {@code require} line is a note. The body is
 * then not unrolled, so the errors that would follow from the bad argument never appear.
 */
final class Requirements {
  private Requirements() {}

  /**
   * Whether every requirement holds. A requirement that mentions a parameter an earlier failed
   * requirement already blamed is skipped: {@code n >= 1} failing makes {@code n >= d} noise.
   *
   * @param headers the bound header values
   * @param given the header arguments the call wrote (by name or position), by key
   * @param call the instantiating call, in the caller's file
   * @param callDiags the caller's diagnostics: a failed requirement is reported here
   * @param body the definition's diagnostics: a condition that cannot be evaluated is its bug
   * @param fixed headers whose values the caller's statement did not choose (a coordinate check's
   *     width); a failed requirement that reads one is reported at {@code fixedAt}
   */
  static boolean hold(Program.Definition def, Map<String, Value> headers,
      Map<String, Expr.Arg> given, Expr.Call call, Diagnostics callDiags, Diagnostics body,
      Set<String> fixed, Span fixedAt) {
    Set<String> blamed = new HashSet<>();
    boolean ok = true;
    for (Body b : def.syntax().body()) {
      if (!(b instanceof Body.Require)) break; // the resolver keeps them at the top
      Body.Require r = (Body.Require) b;
      List<String> mentioned = mentioned(r.condition(), headers);
      if (mentioned.stream().anyMatch(blamed::contains)) continue;
      Diagnostics scratch = new Diagnostics(def.unit().source());
      Value v = Evaluator.scalars(scratch, new LinkedHashMap<>(headers)).eval(r.condition());
      if (v instanceof Value.Bool && ((Value.Bool) v).value()) continue;
      ok = false;
      blamed.addAll(mentioned);
      if (v instanceof Value.Bad) {
        unevaluable(def, r, scratch.list(), given, fixed, callDiags, body);
        continue;
      }
      if (!(v instanceof Value.Bool)) {
        body.error("type", r.condition().span(), "a requirement must be a condition (true or"
            + " false), got " + Value.describe(v));
        continue;
      }
      List<String> explicit = mentioned.stream().filter(given::containsKey).toList();
      boolean byFixed = mentioned.stream().anyMatch(fixed::contains);
      Span at = byFixed ? fixedAt
          : explicit.size() == 1 ? given.get(explicit.get(0)).span() : call.span();
      List<Diagnostic.Related> notes = new ArrayList<>();
      notes.add(new Diagnostic.Related(def.unit().diags().origin(
          new Span(r.span().start(), r.condition().span().end())),
          "required by `" + def.name() + "` here"));
      if (byFixed) {
        notes.add(new Diagnostic.Related(callDiags.origin(call.span()),
            "`" + def.name() + "` instantiated here; the check sets `" + String.join("`, `", fixed)
                + "`"));
      }
      callDiags.add(new Diagnostic(Diagnostic.Severity.ERROR, "requirement", callDiags.origin(at),
          r.message().value() + got(mentioned, headers), notes, Optional.empty()));
    }
    return ok;
  }

  /**
   * A condition that could not be evaluated. When the failing part reads exactly one argument
   * the caller gave ({@code len(singular_values)} of {@code singular_values = 1}), the caller
   * passed a value of the wrong kind: the error is reported at that argument, with the
   * requirement as a note. Anything else is the definition's bug, reported in its file.
   */
  private static void unevaluable(Program.Definition def, Body.Require r, List<Diagnostic> errors,
      Map<String, Expr.Arg> given, Set<String> fixed, Diagnostics callDiags, Diagnostics body) {
    for (Diagnostic e : errors) {
      Set<String> read = new HashSet<>();
      namesWithin(r.condition(), e.where(), def.unit().diags(), read);
      List<String> culprits = read.stream().filter(given::containsKey)
          .filter(k -> !fixed.contains(k)).toList();
      if (culprits.size() != 1) {
        body.add(e);
        continue;
      }
      List<Diagnostic.Related> notes = List.of(new Diagnostic.Related(e.where(),
          "in a requirement of `" + def.name() + "`, on `" + culprits.get(0) + "`"));
      callDiags.add(new Diagnostic(e.severity(), e.code(),
          callDiags.origin(given.get(culprits.get(0)).span()), e.message(), notes, e.hint()));
    }
  }

  /** The names read by the parts of {@code e} that lie within {@code where} (one line's span). */
  private static void namesWithin(Expr e, dyn.compiler.plan.Origin where, Diagnostics defDiags,
      Set<String> out) {
    if (e instanceof Expr.Name) {
      dyn.compiler.plan.Origin o = defDiags.origin(e.span());
      if (o.line() == where.line() && o.column() >= where.column()
          && o.column() + o.length() <= where.column() + where.length()) {
        out.add(((Expr.Name) e).name());
      }
    }
    for (Expr c : Expr.children(e)) namesWithin(c, where, defDiags, out);
  }

  /** ", got -3" for one parameter, ", got n = 2, d = 4" for several, "" for none. */
  private static String got(List<String> mentioned, Map<String, Value> headers) {
    if (mentioned.isEmpty()) return "";
    if (mentioned.size() == 1) return ", got " + show(headers.get(mentioned.get(0)));
    List<String> parts = new ArrayList<>();
    for (String m : mentioned) parts.add(m + " = " + show(headers.get(m)));
    return ", got " + String.join(", ", parts);
  }

  private static String show(Value v) {
    if (v instanceof Value.Num) return Format.num(((Value.Num) v).value());
    if (v instanceof Value.Bool) return String.valueOf(((Value.Bool) v).value());
    if (v instanceof Value.Act) return ((Value.Act) v).name();
    if (v instanceof Value.Vec) {
      List<String> xs = new ArrayList<>();
      for (double x : ((Value.Vec) v).values()) xs.add(Format.num(x));
      return "[" + String.join(", ", xs) + "]";
    }
    return Value.describe(v);
  }

  /** The header parameters a condition reads, in header order. */
  private static List<String> mentioned(Expr e, Map<String, Value> headers) {
    Set<String> names = new HashSet<>();
    collect(e, names);
    return headers.keySet().stream().filter(names::contains).toList();
  }

  private static void collect(Expr e, Set<String> out) {
    if (e instanceof Expr.Name) out.add(((Expr.Name) e).name());
    for (Expr c : Expr.children(e)) collect(c, out);
  }

  /** The header arguments a call wrote itself: those not fixed by the instantiating check. */
  static Map<String, Expr.Arg> given(Program.Definition def, Map<String, Expr.Arg> bound,
      Map<String, Value> fixed) {
    Map<String, Expr.Arg> out = new LinkedHashMap<>();
    for (Stmt.Header h : def.syntax().params()) {
      String k = h.name().name();
      if (bound.containsKey(k) && !fixed.containsKey(k)) out.put(k, bound.get(k));
    }
    return out;
  }
}
