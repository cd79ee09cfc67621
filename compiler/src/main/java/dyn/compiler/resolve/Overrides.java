package dyn.compiler.resolve;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.diag.Suggest;
import dyn.compiler.plan.Origin;
import dyn.compiler.syntax.NumberRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses command-line {@code NAME=VALUE} overrides of script params. Problems are reported at a
 * synthetic {@code <command line>} origin whose source line is the override as typed.
 */
public final class Overrides {
  /** The file name shown for problems in command-line overrides. */
  public static final String COMMAND_LINE = "<command line>";

  private Overrides() {}

  /** The parsed values of the overrides whose names are script params. */
  public static Map<String, Double> parse(
      Map<String, String> raw, Set<String> params, Diagnostics diags) {
    Map<String, Double> values = new LinkedHashMap<>();
    // Sorted so that the diagnostics come out in the same order on every run.
    for (Map.Entry<String, String> e : new TreeMap<>(raw).entrySet()) {
      String name = e.getKey();
      String text = e.getValue();
      String typed = name + "=" + text;
      if (!params.contains(name)) {
        Optional<String> hint = Suggest.closest(name, params).map(s -> "did you mean `" + s + "`?");
        diags.add(error("unknown-param", origin(typed, 0, name.length()),
            "unknown param `" + name + "` in command-line override", hint));
        continue;
      }
      Double v = number(text);
      Origin value = origin(typed, name.length() + 1, Math.max(1, text.length()));
      Optional<String> range = v == null ? Optional.empty() : NumberRange.problem(text.trim(), v);
      if (range.isPresent()) {
        // As the same number written in the script is reported.
        diags.add(error("bad-override", value, range.get() + " (param `" + name + "`)",
            Optional.of(NumberRange.hint(v))));
        continue;
      }
      if (v == null) {
        diags.add(error("bad-override", value,
            "malformed value `" + text + "` for param `" + name + "`: expected a number",
            Optional.empty()));
        continue;
      }
      values.put(name, v);
    }
    return values;
  }

  private static Double number(String text) {
    String t = text.trim();
    if (t.equals("true")) return 1.0;
    if (t.equals("false")) return 0.0;
    try {
      // Java's own spellings are not dyn's: `1d`, `2f`, `0x1p4`, `Infinity`.
      if (t.endsWith("d") || t.endsWith("f") || t.endsWith("D") || t.endsWith("F") || t.contains("x")
          || t.contains("X") || t.contains("N") || t.contains("I")) {
        return null;
      }
      return Double.parseDouble(t);
    } catch (NumberFormatException ex) {
      return null;
    }
  }

  private static Origin origin(String typed, int col0, int len) {
    return new Origin(COMMAND_LINE, 1, col0 + 1, len, typed);
  }

  private static Diagnostic error(String code, Origin where, String msg, Optional<String> hint) {
    return new Diagnostic(Diagnostic.Severity.ERROR, code, where, msg, List.of(), hint);
  }
}
