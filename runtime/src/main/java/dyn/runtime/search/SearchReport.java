package dyn.runtime.search;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dyn.compiler.plan.Derived;
import dyn.compiler.plan.SearchSpec;
import dyn.compiler.plan.SweepSpec;
import dyn.runtime.sink.AtomicFiles;
import dyn.runtime.sink.Columns;
import dyn.runtime.sink.Figures;
import dyn.runtime.sink.FrontierPlot;
import dyn.runtime.sink.JsonNumbers;
import dyn.runtime.sink.Num;
import dyn.runtime.sink.PlotSink;
import dyn.runtime.sweep.Gather;
import dyn.runtime.sweep.PowerLawFit;
import dyn.runtime.sweep.ResultTable;
import dyn.runtime.sweep.SweepText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a finished search reports besides the script's own reports: the observed cost–performance
 * frontier (printed, {@code frontier.csv}, {@code frontier.svg}), a power law of each searched
 * param against cost along it, every point in order ({@code points.csv}) and {@code search.json},
 * all under {@code OUT/sweep-NAME/}. Also builds {@code frontier(s.X)} tables for {@code let}.
 */
public final class SearchReport {
  private static final JsonFactory JSON = new JsonFactory();

  private SearchReport() {}

  /** The gathered points as observations, in task order. */
  public static List<Observation> observations(SweepSpec spec, ResultTable all) {
    SearchSpec s = spec.search().orElseThrow();
    int objective = all.columns().indexOf(s.objective());
    int cost = all.columns().indexOf(s.cost().orElse(Gather.SECONDS));
    int diverged = all.columns().indexOf(SweepSpec.DIVERGED);
    List<Observation> out = new ArrayList<>();
    for (ResultTable.Row r : all.rows()) {
      boolean failed = !(r.value(diverged) == 0);
      out.add(new Observation(r.key(), r.value(objective), r.value(cost), failed));
    }
    return out;
  }

  /** {@code frontier(s.column)}: the column at each frontier point, keyed by cost, cheapest first. */
  public static ResultTable frontier(SweepSpec spec, ResultTable all, String column, String name) {
    List<Observation> obs = observations(spec, all);
    int param = spec.params().indexOf(column);
    int col = all.columns().indexOf(column);
    List<ResultTable.Row> rows = new ArrayList<>();
    for (int i : Pareto.frontier(obs, sign(spec))) {
      ResultTable.Row r = all.rows().get(i);
      double v = param >= 0 ? r.key(param) : r.value(col);
      rows.add(new ResultTable.Row(new double[] {obs.get(i).cost()}, new double[] {v}));
    }
    return new ResultTable(List.of(Derived.COST), List.of(name), rows);
  }

  private static int sign(SweepSpec spec) {
    return spec.search().orElseThrow().maximize() ? 1 : -1;
  }

  /**
   * Prints the frontier and the fits along it, writes the search's files (added to
   * {@code written}); returns failures: an empty frontier (every point failed or gave a
   * non-finite objective) is one, with the files still written whole.
   */
  public static List<String> write(SweepSpec spec, Gather.Values values, Path outDir, PrintStream out,
      PrintStream progress, List<Path> written) {
    SearchSpec s = spec.search().orElseThrow();
    ResultTable all = values.all();
    List<Observation> obs = observations(spec, all);
    List<Integer> front = Pareto.frontier(obs, sign(spec));
    String costName = s.cost().orElse(Gather.SECONDS);
    List<String> failures = new ArrayList<>();
    out.println();
    long failed = obs.stream().filter(Observation::failed).count();
    out.println("search " + spec.name() + ": carbs, " + obs.size() + " points (" + failed
        + " failed or diverged), seed " + s.seed() + "; " + (s.maximize() ? "maximize " : "minimize ")
        + s.objective() + " at cost " + costName);
    if (front.isEmpty()) {
      String why = "search " + spec.name() + ": no point gave a finite `" + s.objective()
          + "` (every one failed, diverged or was NaN), so the frontier is empty; the points' logs"
          + " say why (sweep-" + spec.name() + "/points/TASK/log.txt)";
      out.println("frontier: empty");
      failures.add(why);
    } else {
      out.println("frontier (" + front.size() + " points, cheapest first; each beats every cheaper point):");
      out.print(Columns.align(frontierRows(spec, all, obs, front, false)));
      out.println();
      out.println("along the frontier, each param ≈ C·" + costName + "^p:");
      out.print(Columns.align(fitRows(spec, obs, front, false)));
    }
    Path dir = outDir.resolve("sweep-" + spec.name());
    try {
      write(dir.resolve("points.csv"), csv(pointRows(spec, all, obs, front)), progress, written);
      write(dir.resolve("frontier.csv"), csv(frontierRows(spec, all, obs, front, true)), progress, written);
      Path plot = dir.resolve("frontier.svg");
      double[][] ok = successes(obs);
      double[] fc = new double[front.size()];
      double[] fm = new double[front.size()];
      for (int i = 0; i < fc.length; i++) {
        fc[i] = obs.get(front.get(i)).cost();
        fm[i] = obs.get(front.get(i)).output();
      }
      try {
        AtomicFiles.write(plot, o -> FrontierPlot.write(o, "search " + spec.name() + ": "
            + s.objective() + " against " + costName, s.objective(), costName, ok[0], ok[1], fc, fm,
            PlotSink.Format.SVG));
        note(progress, "wrote " + plot);
        written.add(plot);
      } catch (LinkageError e) {
        failures.add(Figures.cannotDrawLine(plot, e));
      }
      Path json = dir.resolve("search.json");
      AtomicFiles.write(json, o -> json(o, spec, obs, front));
      note(progress, "wrote " + json);
      written.add(json);
    } catch (IOException e) {
      failures.add("cannot write under " + dir + ": " + e.getMessage());
    }
    return failures;
  }

  private static void write(Path file, String text, PrintStream progress, List<Path> written) throws IOException {
    AtomicFiles.writeString(file, text);
    note(progress, "wrote " + file);
    written.add(file);
  }

  private static double[][] successes(List<Observation> obs) {
    List<double[]> xs = new ArrayList<>();
    for (Observation o : obs) if (!o.failed()) xs.add(new double[] {o.cost(), o.output()});
    double[][] out = new double[2][xs.size()];
    for (int i = 0; i < xs.size(); i++) {
      out[0][i] = xs.get(i)[0];
      out[1][i] = xs.get(i)[1];
    }
    return out;
  }

  private static List<String[]> frontierRows(SweepSpec spec, ResultTable all, List<Observation> obs,
      List<Integer> front, boolean exact) {
    SearchSpec s = spec.search().orElseThrow();
    String costName = s.cost().orElse(Gather.SECONDS);
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("task"));
    header.addAll(spec.params());
    header.add(s.objective());
    if (!costName.equals(s.objective())) header.add(costName);
    rows.add(header.toArray(new String[0]));
    for (int i : front) {
      List<String> cells = new ArrayList<>(List.of(Integer.toString(i)));
      for (double v : obs.get(i).values()) cells.add(exact ? Num.exact(v) : SweepText.num(v).length() <= 8 ? SweepText.num(v) : Num.format(v));
      cells.add(exact ? Num.exact(obs.get(i).output()) : Num.format(obs.get(i).output()));
      if (!costName.equals(s.objective())) cells.add(exact ? Num.exact(obs.get(i).cost()) : Num.format(obs.get(i).cost()));
      rows.add(cells.toArray(new String[0]));
    }
    return rows;
  }

  /** Every point in task order with all its metrics, and whether it is on the frontier. */
  private static List<String[]> pointRows(SweepSpec spec, ResultTable all, List<Observation> obs, List<Integer> front) {
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("task"));
    header.addAll(all.keys());
    header.addAll(all.columns());
    header.add("failed");
    header.add("frontier");
    rows.add(header.toArray(new String[0]));
    for (int i = 0; i < all.rows().size(); i++) {
      ResultTable.Row r = all.rows().get(i);
      List<String> cells = new ArrayList<>(List.of(Integer.toString(i)));
      for (double k : r.key()) cells.add(Num.exact(k));
      for (double v : r.values()) cells.add(Num.exact(v));
      cells.add(obs.get(i).failed() ? "1" : "0");
      cells.add(front.contains(i) ? "1" : "0");
      rows.add(cells.toArray(new String[0]));
    }
    return rows;
  }

  /** A power law of each searched param against cost over the frontier points. */
  static List<PowerLawFit> fits(SweepSpec spec, List<Observation> obs, List<Integer> front) {
    List<PowerLawFit> out = new ArrayList<>();
    for (int p = 0; p < spec.params().size(); p++) {
      double[] x = new double[front.size()];
      double[] y = new double[front.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = obs.get(front.get(i)).cost();
        y[i] = obs.get(front.get(i)).values()[p];
      }
      out.add(PowerLawFit.fit(x, y, 0.95));
    }
    return out;
  }

  private static List<String[]> fitRows(SweepSpec spec, List<Observation> obs, List<Integer> front, boolean exact) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"param", "exponent", "interval", "prefactor", "r2", "n"});
    List<PowerLawFit> fits = fits(spec, obs, front);
    for (int p = 0; p < fits.size(); p++) {
      PowerLawFit f = fits.get(p);
      rows.add(new String[] {spec.params().get(p), Num.format(f.exponent(), 4),
          "95%: [" + Num.format(f.lo(), 4) + ", " + Num.format(f.hi(), 4) + "]",
          Num.format(f.prefactor(), 4), Num.format(f.r2(), 4), Integer.toString(f.n())});
    }
    return rows;
  }

  private static String csv(List<String[]> rows) {
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) sb.append(String.join(",", r)).append('\n');
    return sb.toString();
  }

  private static void json(OutputStream o, SweepSpec spec, List<Observation> obs, List<Integer> front)
      throws IOException {
    SearchSpec s = spec.search().orElseThrow();
    try (JsonGenerator g = JSON.createGenerator(o, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("sweep", spec.name());
      g.writeStringField("method", "carbs");
      g.writeStringField("objective", s.objective());
      g.writeStringField("goal", s.maximize() ? "maximize" : "minimize");
      g.writeStringField("cost", s.cost().orElse(Gather.SECONDS));
      g.writeNumberField("seed", s.seed());
      g.writeNumberField("budget", s.budget());
      JsonNumbers.field(g, "max_cost", s.costBudget());
      JsonNumbers.field(g, "radius", s.radius());
      g.writeArrayFieldStart("params");
      for (SearchSpec.Param p : s.params()) {
        g.writeStartObject();
        g.writeStringField("name", p.name());
        g.writeStringField("scale", p.scale().name().toLowerCase(java.util.Locale.ROOT));
        g.writeBooleanField("integer", p.integer());
        JsonNumbers.field(g, "lo", p.lo());
        JsonNumbers.field(g, "hi", p.hi());
        JsonNumbers.field(g, "center", p.center());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("points");
      for (int i = 0; i < obs.size(); i++) {
        Observation x = obs.get(i);
        g.writeStartObject();
        g.writeNumberField("task", i);
        g.writeObjectFieldStart("params");
        for (int p = 0; p < spec.params().size(); p++) JsonNumbers.field(g, spec.params().get(p), x.values()[p]);
        g.writeEndObject();
        JsonNumbers.field(g, "output", x.output());
        JsonNumbers.field(g, "cost", x.cost());
        g.writeBooleanField("failed", x.failed());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("frontier");
      for (int i : front) g.writeNumber(i);
      g.writeEndArray();
      g.writeObjectFieldStart("fits");
      List<PowerLawFit> fits = fits(spec, obs, front);
      for (int p = 0; p < fits.size(); p++) {
        PowerLawFit f = fits.get(p);
        g.writeObjectFieldStart(spec.params().get(p));
        for (String field : Derived.FIT_FIELDS) JsonNumbers.field(g, field, f.field(field));
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  private static void note(PrintStream progress, String line) {
    if (progress != null) progress.println(line);
  }
}
