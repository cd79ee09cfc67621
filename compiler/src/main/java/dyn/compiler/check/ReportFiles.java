package dyn.compiler.check;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.source.Span;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The files a run's reports write, claimed one by one: each must be its own file, not one dyn
 * writes itself, and not inside another report's file. Two reports of one name kept the second's
 * bytes and listed the file twice in the manifest; {@code report csv("manifest.json")} was
 * overwritten by the manifest, which then vouched for bytes it had replaced.
 */
public final class ReportFiles {
  /**
   * What dyn writes beside a run's reports: its manifest, and in a sweep point's folder (where the
   * script's reports go too) the point's result and log.
   */
  public static final Set<String> RUN = Set.of("manifest.json", "result.json", "log.txt");

  private final Diagnostics diags;
  private final Set<String> reserved;
  private final String folder;
  /** Normalised path → the span of the report argument that claimed it. */
  private final Map<String, Span> claimed = new LinkedHashMap<>();

  /**
   * @param reserved {@link #RUN}, or for a sweep's gathered reports (written into the output
   *     folder) its own folder {@code sweep-NAME}
   * @param folder the folder in words, for messages: "the run's output folder"
   */
  public ReportFiles(Diagnostics diags, Set<String> reserved, String folder) {
    this.diags = diags;
    this.reserved = reserved;
    this.folder = folder;
  }

  /**
   * Claims a report's file (a path {@link Outputs#relativePath} accepted); false, reported at
   * {@code at}, when another report or dyn itself writes it or it would sit inside a file.
   */
  public boolean claim(String path, Span at) {
    String p = normal(path);
    for (String r : reserved) {
      if (p.equals(r) || p.startsWith(r + "/")) {
        diags.error("reserved-file", at, "`" + r + "` in " + folder + " is dyn's own, so a report cannot"
            + (p.equals(r) ? " use that name" : " write inside it"), "name the report's file something else");
        return false;
      }
    }
    Span other = claimed.get(p);
    if (other != null) {
      diags.error("duplicate-file", at, "report file `" + p + "` is also written by the report at line "
          + diags.origin(other).line(), "give each report a file of its own");
      return false;
    }
    for (Map.Entry<String, Span> e : claimed.entrySet()) {
      String q = e.getKey();
      boolean inside = p.startsWith(q + "/");
      if (inside || q.startsWith(p + "/")) {
        diags.error("file-as-folder", at, "report file `" + p + "` "
            + (inside ? "would be inside `" + q + "`, a file" : "is a folder of `" + q + "`")
            + " written by the report at line " + diags.origin(e.getValue()).line(),
            "a name is a file or a folder, not both");
        return false;
      }
    }
    claimed.put(p, at);
    return true;
  }

  /** Forward slashes, no empty or {@code .} segments: {@code ./a//b.csv} is {@code a/b.csv}. */
  static String normal(String path) {
    StringBuilder sb = new StringBuilder();
    for (String seg : path.replace('\\', '/').split("/")) {
      if (seg.isEmpty() || seg.equals(".")) continue;
      if (sb.length() > 0) sb.append('/');
      sb.append(seg);
    }
    return sb.toString();
  }
}
