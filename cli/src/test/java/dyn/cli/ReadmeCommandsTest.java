package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ./dyn run FILE.dyn NAME=VALUE …} the README shows (in a shell block, inline, or
 * in a snippet's comment) and every override an example suggests in its comments runs and exits
 * 0: a reader who copies one gets a working study, not a failed check or a missing file
 * ({@code ./dyn run saddle.dyn alpha=1e-6} named a file that did not exist, and the override
 * failed the example's checks). A file name in capitals ({@code SCRIPT.dyn}) is a placeholder of
 * a synopsis and is skipped. The runs are in-process, as {@code dyn run} runs them.
 */
class ReadmeCommandsTest {
  private static final Path ROOT = Path.of(System.getProperty("dyn.root", "..")).toAbsolutePath().normalize();
  private static final Pattern COMMAND =
      Pattern.compile("\\./dyn run\\s+([^\\s`]+\\.dyn)((?:[ \\t]+[A-Za-z_]\\w*=[^\\s`]+)*)");

  /** The distinct commands in {@code text}: script path first, then its NAME=VALUE overrides. */
  static List<List<String>> commands(String text) {
    Set<List<String>> out = new LinkedHashSet<>();
    Matcher m = COMMAND.matcher(text);
    while (m.find()) {
      String script = m.group(1);
      String file = Path.of(script).getFileName().toString();
      if (file.replaceAll("\\.dyn$", "").equals(file.replaceAll("\\.dyn$", "").toUpperCase())) continue;
      List<String> c = new ArrayList<>();
      c.add(script);
      for (String a : m.group(2).trim().split("\\s+")) if (!a.isEmpty()) c.add(a);
      out.add(c);
    }
    return new ArrayList<>(out);
  }

  private static List<List<String>> all() throws IOException {
    Set<List<String>> out = new LinkedHashSet<>(commands(Files.readString(ROOT.resolve("README.md"))));
    try (Stream<Path> s = Files.list(ROOT.resolve("examples"))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".dyn")).sorted().collect(Collectors.toList())) {
        // Only the comments: a suggestion is a comment, and a script has no other place for one.
        String comments = Files.readAllLines(p).stream().filter(l -> l.contains("#"))
            .map(l -> l.substring(l.indexOf('#'))).collect(Collectors.joining("\n"));
        out.addAll(commands(comments));
      }
    }
    return new ArrayList<>(out);
  }

  @Test
  void extractsCommandsAndSkipsPlaceholders() {
    String text = "```bash\n./dyn run examples/a.dyn     # first\n```\n"
        + "`./dyn run examples/a.dyn alpha=1e-3` overrides; ./dyn run   SCRIPT.dyn [NAME=VALUE …]\n"
        + "param alpha = 1e-4  # overridable: ./dyn run examples/a.dyn alpha=1e-3 seed=2\n";
    assertEquals(List.of(List.of("examples/a.dyn"), List.of("examples/a.dyn", "alpha=1e-3"),
        List.of("examples/a.dyn", "alpha=1e-3", "seed=2")), commands(text));
  }

  @Test
  void theReadmeShowsTheFirstStudyAndAnOverride() throws IOException {
    List<List<String>> c = all();
    assertTrue(c.contains(List.of("examples/saddle_linear.dyn")), c.toString());
    assertTrue(c.stream().anyMatch(x -> x.size() > 1), "no suggested override found: " + c);
  }

  @TestFactory
  Stream<DynamicTest> everyCommandRunsAndPasses() throws IOException {
    return all().stream().map(c -> DynamicTest.dynamicTest("./dyn run " + String.join(" ", c), () -> {
      Path script = ROOT.resolve(c.get(0));
      assertTrue(Files.exists(script), "the command names " + c.get(0) + ", which does not exist");
      Path out = Files.createTempDirectory("dyn-readme");
      List<String> args = new ArrayList<>(List.of("run", script.toString()));
      args.addAll(c.subList(1, c.size()));
      args.addAll(Arrays.asList("--out", out.toString(), "--progress", "off"));
      CliRun r = CliRun.of(args.toArray(new String[0]));
      assertEquals(0, r.code(), () -> "./dyn run " + String.join(" ", c) + " exited " + r.code() + "\n"
          + r.out().lines().filter(l -> l.startsWith("check ") || l.startsWith("compare ")).collect(Collectors.joining("\n"))
          + "\n" + r.err());
    }));
  }
}
