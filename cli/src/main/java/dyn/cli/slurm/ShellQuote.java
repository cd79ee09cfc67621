package dyn.cli.slurm;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Quotes words for a bash script, leaving plain words (paths, NAME=VALUE) readable. */
final class ShellQuote {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=+,@%-]+");

  private ShellQuote() {}

  static String word(String s) {
    if (PLAIN.matcher(s).matches()) return s;
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static String words(List<String> words) {
    return words.stream().map(ShellQuote::word).collect(Collectors.joining(" "));
  }
}
