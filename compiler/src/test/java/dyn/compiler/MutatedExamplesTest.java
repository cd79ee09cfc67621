package dyn.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.source.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checker's contract on bad scripts is diagnostics, never an exception: every example, mutated
 * the way a slip of the keyboard or a careless edit mutates a script (a number replaced by 0, −1,
 * 1e308 or 1e5, a token deleted, doubled or replaced by another name of the file, a bracket
 * inserted, a line deleted, doubled or swapped), must compile to a plan or to diagnostics.
 *
 * <p>A fuzzer of this kind (tools/fuzz) found that {@code p = 100000} in modular_addition ran the
 * checker out of memory (an internal error after a minute) before its size check could speak; the
 * seeds here are fixed, so a failure names a mutation that can be replayed. 12 mutations per example
 * keep this a few seconds; the fuzzer runs thousands.
 */
class MutatedExamplesTest {
  private static final Pattern TOKEN = Pattern.compile(
      "[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?|[A-Za-z_][A-Za-z0-9_]*|\"[^\"\\n]*\"|#[^\\n]*|\\S");
  private static final String[] NUMBERS = {"0", "-1", "1e308", "1e-308", "0.5", "3", "1e5", "-0", "2.5"};
  private static final String[] PUNCTUATION = {"(", ")", "[", "]", ",", "=", "+", "*", "'", ".", "\n"};
  private static final int PER_EXAMPLE = 12;

  @Test
  void everyMutatedExampleCompilesOrReports() throws IOException {
    Path examples = TestScripts.stdlib().resolveSibling("examples");
    List<Path> files;
    try (Stream<Path> s = Files.list(examples)) {
      files = s.filter(p -> p.toString().endsWith(".dyn") && !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
    assertTrue(files.size() > 20, "the examples were found: " + files.size());
    List<String> failures = new ArrayList<>();
    for (Path file : files) {
      String text = Files.readString(file);
      Random random = new Random(file.getFileName().toString().hashCode());
      for (int k = 0; k < PER_EXAMPLE; k++) {
        StringBuilder what = new StringBuilder();
        String mutated = mutate(text, random, what);
        try {
          Compiler.compile(new Source(file.toString(), mutated),
              new Compiler.Options(Map.of(), TestScripts.stdlib()));
        } catch (RuntimeException | Error e) {
          failures.add(file.getFileName() + " " + what + ": " + e);
        }
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /** One or two edits of the text; {@code what} says which, to replay a failure. */
  private static String mutate(String text, Random random, StringBuilder what) {
    String out = text;
    int edits = 1 + random.nextInt(2);
    for (int j = 0; j < edits; j++) {
      int kind = random.nextInt(9);
      if (kind >= 6) {
        List<String> lines = new ArrayList<>(List.of(out.split("\n", -1)));
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        if (kind == 6) {
          lines.remove(a);
        } else if (kind == 7) {
          lines.add(b, lines.get(a));
        } else {
          String t = lines.get(a);
          lines.set(a, lines.get(b));
          lines.set(b, t);
        }
        what.append("[line edit ").append(kind).append(' ').append(a + 1).append(' ').append(b + 1).append(']');
        out = String.join("\n", lines);
        continue;
      }
      List<int[]> tokens = new ArrayList<>();
      List<String> names = new ArrayList<>();
      Matcher m = TOKEN.matcher(out);
      while (m.find()) {
        if (m.group().startsWith("#")) continue;
        tokens.add(new int[] {m.start(), m.end()});
        if (Character.isLetter(m.group().charAt(0))) names.add(m.group());
      }
      if (tokens.isEmpty() || names.isEmpty()) break;
      int[] t = tokens.get(random.nextInt(tokens.size()));
      String token = out.substring(t[0], t[1]);
      String replacement = switch (Character.isDigit(token.charAt(0)) ? 0 : kind) {
        case 0 -> NUMBERS[random.nextInt(NUMBERS.length)];
        case 1 -> "";
        case 2 -> token + " " + token;
        case 3 -> names.get(random.nextInt(names.size()));
        case 4 -> token + PUNCTUATION[random.nextInt(PUNCTUATION.length)];
        default -> PUNCTUATION[random.nextInt(PUNCTUATION.length)];
      };
      what.append("[`").append(token).append("` at ").append(t[0]).append(" -> `")
          .append(replacement.replace("\n", "\\n")).append("`]");
      out = out.substring(0, t[0]) + replacement + out.substring(t[1]);
    }
    return out;
  }
}
