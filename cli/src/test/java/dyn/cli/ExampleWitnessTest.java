package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example's golden numbers were checked once against an independent computation (the
 * project's rule against results copied from the code's own output): its leading comment names
 * a script under {@code tools/example_checks/} that exists, and that folder's README lists the
 * example. This test cannot run the witnesses (numpy, minutes each); it keeps a new example from
 * landing without one, or a renamed script from leaving a dangling reference.
 */
class ExampleWitnessTest {
  private static final Path ROOT =
      Path.of(System.getProperty("dyn.root", "..")).toAbsolutePath().normalize();
  private static final Pattern SCRIPT = Pattern.compile("tools/example_checks/([A-Za-z0-9_]+\\.py)");

  @TestFactory
  Stream<DynamicTest> everyExampleNamesAWitness() throws IOException {
    Path checks = ROOT.resolve("tools/example_checks");
    String readme = Files.readString(checks.resolve("README.md"), StandardCharsets.UTF_8);
    List<Path> examples = new ArrayList<>();
    try (Stream<Path> list = Files.list(ROOT.resolve("examples"))) {
      list.filter(p -> p.toString().endsWith(".dyn")).sorted().forEach(examples::add);
    }
    assertTrue(examples.size() > 30, "examples/ not found under " + ROOT);
    return examples.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
      StringBuilder header = new StringBuilder();
      for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        if (!line.startsWith("#")) break;
        header.append(line).append('\n');
      }
      Matcher m = SCRIPT.matcher(header);
      List<String> named = new ArrayList<>();
      while (m.find()) named.add(m.group(1));
      assertTrue(!named.isEmpty(), p.getFileName() + ": its leading comment names no witness "
          + "script (tools/example_checks/NAME.py, recomputing its golden independently)");
      for (String script : named) {
        assertTrue(Files.isRegularFile(checks.resolve(script)),
            p.getFileName() + " names tools/example_checks/" + script + ", which does not exist");
      }
      String name = p.getFileName().toString();
      assertTrue(readme.contains(name),
          "tools/example_checks/README.md does not list " + name + " in its table");
    }));
  }
}
