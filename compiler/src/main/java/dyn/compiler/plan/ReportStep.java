package dyn.compiler.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Write results: an aligned table on standard output, or a CSV or JSON file in the run's output
 * folder. A table lists the given series against time; CSV and JSON with no series write every
 * recorded series. Files are written atomically.
 *
 * @param path the file name for CSV/JSON (relative to the output folder), empty for TABLE
 */
public record ReportStep(
    int id, String name, Origin origin, Kind kind, List<SeriesRef> series, String path)
    implements Step {
  public ReportStep {
    series = List.copyOf(series);
  }

  /** Output formats. */
  public enum Kind {
    TABLE,
    CSV,
    JSON
  }

  /** Reports depend on the train steps they read; a file report of everything, on all of them. */
  @Override
  public List<Integer> dependsOn() {
    List<Integer> ids = new ArrayList<>();
    for (SeriesRef s : series) {
      if (!ids.contains(s.train())) ids.add(s.train());
    }
    ids.sort(null);
    return ids;
  }
}
