package dyn.compiler.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Write results: an aligned table on standard output, or a CSV, JSON, SVG or PNG file in the
 * run's output folder. A table lists the given series against time; CSV and JSON with no series
 * write every recorded series; a plot draws the given series against time. Files are written
 * atomically.
 *
 * @param path the file name for CSV/JSON/PLOT (relative to the output folder), empty for TABLE
 * @param plot how a PLOT report looks; present exactly when kind is PLOT
 * @param coordCheck what a COORD_CHECK report runs; present exactly when kind is COORD_CHECK
 * @param params which train's θ a PARAMS report exports; present exactly when kind is PARAMS
 * @param heatmap which kernel a HEATMAP report draws; present exactly when kind is HEATMAP
 */
public record ReportStep(
    int id, String name, Origin origin, Kind kind, List<SeriesRef> series, String path,
    Optional<PlotSpec> plot, Optional<CoordCheckSpec> coordCheck, Optional<ParamsSpec> params,
    Optional<KernelHeatmapSpec> heatmap)
    implements Step {
  public ReportStep {
    series = List.copyOf(series);
    if ((kind == Kind.HEATMAP) != heatmap.isPresent()) {
      throw new IllegalArgumentException("a heatmap spec goes with a HEATMAP report and only with one");
    }
    if ((kind == Kind.PARAMS) != params.isPresent()) {
      throw new IllegalArgumentException("a params spec goes with a PARAMS report and only with one");
    }
    if ((kind == Kind.PLOT) != plot.isPresent()) {
      throw new IllegalArgumentException("a plot spec goes with a PLOT report and only with one");
    }
    if ((kind == Kind.COORD_CHECK) != coordCheck.isPresent()) {
      throw new IllegalArgumentException(
          "a coord-check spec goes with a COORD_CHECK report and only with one");
    }
  }

  /** A TABLE, CSV, JSON or PLOT report. */
  public ReportStep(
      int id, String name, Origin origin, Kind kind, List<SeriesRef> series, String path,
      Optional<PlotSpec> plot) {
    this(id, name, origin, kind, series, path, plot, Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** A coordinate check, printed as a table. */
  public static ReportStep coordCheck(int id, Origin origin, CoordCheckSpec spec) {
    return new ReportStep(id, "coord_check " + spec.modelName(), origin, Kind.COORD_CHECK,
        List.of(), "", Optional.empty(), Optional.of(spec), Optional.empty(), Optional.empty());
  }

  /** An export of a train's parameters θ(0) and θ(until) to {@code path}. */
  public static ReportStep params(int id, Origin origin, String path, ParamsSpec spec) {
    return new ReportStep(id, path, origin, Kind.PARAMS, List.of(), path, Optional.empty(),
        Optional.empty(), Optional.of(spec), Optional.empty());
  }

  /** A heatmap of a kernel prediction's Gram matrix, written to {@code path}. */
  public static ReportStep heatmap(int id, Origin origin, String path, KernelHeatmapSpec spec) {
    return new ReportStep(id, path, origin, Kind.HEATMAP, List.of(), path, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(spec));
  }

  /** A TABLE, CSV or JSON report (no plot spec). */
  public ReportStep(
      int id, String name, Origin origin, Kind kind, List<SeriesRef> series, String path) {
    this(id, name, origin, kind, series, path, Optional.empty());
  }

  /** Output formats. */
  public enum Kind {
    TABLE,
    CSV,
    JSON,
    /** A figure; the path's extension ({@code .svg} or {@code .png}) picks the image format. */
    PLOT,
    /** A coordinate check across widths ({@link CoordCheckSpec}), printed as a table. */
    COORD_CHECK,
    /** A train's parameter tensors at its start and end ({@link ParamsSpec}), as .npz or JSON. */
    PARAMS,
    /** A kernel prediction's Gram matrix as a heatmap ({@link KernelHeatmapSpec}), SVG or PNG. */
    HEATMAP
  }

  /** Reports depend on the train steps they read; a file report of everything, on all of them. */
  @Override
  public List<Integer> dependsOn() {
    List<Integer> ids = new ArrayList<>();
    for (SeriesRef s : series) {
      if (!ids.contains(s.train())) ids.add(s.train());
    }
    coordCheck.ifPresent(c -> {
      if (!ids.contains(c.data())) ids.add(c.data());
    });
    params.ifPresent(p -> {
      if (!ids.contains(p.train())) ids.add(p.train());
    });
    heatmap.ifPresent(h -> {
      if (!ids.contains(h.kernel().data())) ids.add(h.kernel().data());
    });
    ids.sort(null);
    return ids;
  }
}
