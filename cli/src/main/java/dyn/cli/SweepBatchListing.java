package dyn.cli;

import dyn.compiler.Compilation;
import dyn.compiler.Compiler;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.PlanShape;
import dyn.compiler.plan.SweepBatches;
import dyn.compiler.plan.SweepSpec;
import dyn.compiler.source.Source;
import dyn.compiler.syntax.DeepStack;
import dyn.runtime.exec.BatchExecutor;
import dyn.runtime.sweep.SweepRunner;
import dyn.runtime.sweep.SweepText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The part of {@code dyn plan} that says which points of a sweep run batched: it compiles every
 * point, as the run does, and groups the points by {@link PlanShape}; those whose plans fit a
 * batch ({@link BatchExecutor#whyNot}) and share a shape run as batched programs, the others
 * alone, with the reason.
 */
final class SweepBatchListing {
  private SweepBatchListing() {}

  /** Above this many points the listing is skipped: each point costs a compile (~1 ms). */
  static final int MAX_POINTS = 5000;

  /** The listing as text, or null for a search (its points are not known ahead). */
  static String text(Source source, Compiler.Options options, SweepSpec spec) {
    SweepBatches b = of(source, options, spec);
    return b == null ? null : text(b);
  }

  /** Which points run batched, or null for a search. */
  static SweepBatches of(Source source, Compiler.Options options, SweepSpec spec) {
    if (spec.search().isPresent()) return null;
    int n = spec.points().size();
    if (n > MAX_POINTS) {
      return SweepBatches.skipped(n, SweepRunner.DEFAULT_BATCH,
          n + " points; `dyn plan` lists them up to " + MAX_POINTS);
    }
    return DeepStack.call("dyn-plan-batches", () -> group(source, options, spec));
  }

  private static SweepBatches group(Source source, Compiler.Options options, SweepSpec spec) {
    Compiler.Prepared prepared = Compiler.prepare(source, options);
    Map<Object, List<Integer>> byShape = new LinkedHashMap<>();
    Map<String, List<Integer>> alone = new LinkedHashMap<>();
    for (int t = 0; t < spec.points().size(); t++) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < spec.params().size(); i++) {
        values.put(spec.params().get(i), SweepText.num(spec.points().get(t).get(i)));
      }
      Compilation c = prepared.at(values);
      if (!c.ok()) {
        alone.computeIfAbsent("does not compile", k -> new ArrayList<>()).add(t);
        continue;
      }
      Plan plan = c.plan().get();
      String why = BatchExecutor.whyNot(plan);
      if (why != null) alone.computeIfAbsent(why, k -> new ArrayList<>()).add(t);
      else byShape.computeIfAbsent(PlanShape.of(plan), k -> new ArrayList<>()).add(t);
    }
    List<SweepBatches.Shape> shapes = new ArrayList<>();
    for (List<Integer> g : byShape.values()) shapes.add(new SweepBatches.Shape(g, varying(spec, g)));
    List<SweepBatches.Alone> lone = new ArrayList<>();
    alone.forEach((why, g) -> lone.add(new SweepBatches.Alone(why, g)));
    return new SweepBatches(spec.points().size(), SweepRunner.DEFAULT_BATCH, shapes, lone, null);
  }

  /** The listing's text, as {@code dyn plan} prints it after the plan. */
  static String text(SweepBatches b) {
    if (b.skipped() != null) return "batches: not listed (" + b.skipped() + ")\n";
    StringBuilder sb = new StringBuilder();
    sb.append("batches: ").append(b.batched()).append(" of ").append(b.points())
        .append(" points run batched (a thread takes up to ").append(b.threadBatch())
        .append(" consecutive points, `--batch B`; those of one plan shape train as one program)\n");
    int k = 0;
    for (SweepBatches.Shape s : b.shapes()) {
      k++;
      List<Integer> g = s.tasks();
      sb.append("  shape ").append(k).append(": ").append(g.size()).append(g.size() == 1 ? " point" : " points")
          .append(" (tasks ").append(SweepText.ranges(g)).append(")");
      if (g.size() == 1) sb.append(", alone: no other point has its shape");
      else if (!s.varying().isEmpty()) sb.append(", differing in ").append(String.join(", ", s.varying()));
      sb.append('\n');
    }
    for (SweepBatches.Alone a : b.alone()) {
      List<Integer> g = a.tasks();
      sb.append("  alone: ").append(g.size()).append(g.size() == 1 ? " point" : " points")
          .append(" (tasks ").append(SweepText.ranges(g)).append("): ").append(a.reason()).append('\n');
    }
    return sb.toString();
  }

  /** The swept params whose values differ within the group. */
  private static List<String> varying(SweepSpec spec, List<Integer> group) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < spec.params().size(); i++) {
      TreeSet<Double> seen = new TreeSet<>();
      for (int t : group) seen.add(spec.points().get(t).get(i));
      if (seen.size() > 1) out.add(spec.params().get(i) + " (" + seen.size() + " values)");
    }
    return out;
  }
}
