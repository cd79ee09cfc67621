package dyn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares an expected golden text with an actual one: numbers token by token within a relative
 * (and optional absolute) tolerance, everything else exactly.
 */
final class GoldenText {
  private static final Pattern NUMBER =
      Pattern.compile("(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|\\bnan\\b|\\binf\\b");
  private static final Pattern HEADER = Pattern.compile("#\\s*golden:(.*)");
  private static final Pattern SETTING = Pattern.compile("(rtol|atol)\\s*=\\s*(\\S+)");

  final double rtol;
  final double atol;

  GoldenText(double rtol, double atol) {
    this.rtol = rtol;
    this.atol = atol;
  }

  /** The tolerance stated in a script's {@code # golden: rtol=1e-6} comment; exact by default. */
  static GoldenText forScript(String script) {
    double rtol = 0;
    double atol = 0;
    for (String line : script.split("\n", -1)) {
      Matcher h = HEADER.matcher(line.trim());
      if (!h.matches()) continue;
      Matcher s = SETTING.matcher(h.group(1));
      while (s.find()) {
        double v = Double.parseDouble(s.group(2));
        if (s.group(1).equals("rtol")) rtol = v;
        else atol = v;
      }
    }
    return new GoldenText(rtol, atol);
  }

  /** CRLF → LF, and the given absolute paths → their placeholders. */
  static String normalise(String text, String[][] replacements) {
    String t = text.replace("\r\n", "\n");
    for (String[] r : replacements) t = t.replace(r[0], r[1]);
    return t;
  }

  /** Splits text into alternating non-number and number tokens (numbers flagged). */
  static List<String[]> tokens(String text) {
    List<String[]> out = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) out.add(new String[] {"text", text.substring(at, m.start())});
      out.add(new String[] {"number", m.group()});
      at = m.end();
    }
    if (at < text.length()) out.add(new String[] {"text", text.substring(at)});
    return out;
  }

  /** Empty when the texts agree; else where they first differ. */
  Optional<String> compare(String expected, String actual) {
    List<String[]> e = tokens(expected);
    List<String[]> a = tokens(actual);
    int line = 1;
    for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
      String[] x = e.get(i);
      String[] y = a.get(i);
      if (!x[0].equals(y[0]) || (x[0].equals("text") && !x[1].equals(y[1]))) {
        return Optional.of("line " + line + ": expected `" + x[1] + "` but got `" + y[1] + "`");
      }
      if (x[0].equals("number") && !close(x[1], y[1])) {
        return Optional.of("line " + line + ": expected " + x[1] + " but got " + y[1]
            + " (rtol " + rtol + ", atol " + atol + ")");
      }
      for (char c : x[1].toCharArray()) if (c == '\n') line++;
    }
    if (e.size() != a.size()) return Optional.of("line " + line + ": the texts differ in length");
    return Optional.empty();
  }

  private boolean close(String x, String y) {
    if (x.equals(y)) return true;
    double a = parse(x);
    double b = parse(y);
    if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) return false;
    return Math.abs(a - b) <= atol + rtol * Math.max(Math.abs(a), Math.abs(b));
  }

  private static double parse(String s) {
    if (s.equals("nan")) return Double.NaN;
    if (s.equals("inf")) return Double.POSITIVE_INFINITY;
    return Double.parseDouble(s);
  }
}
