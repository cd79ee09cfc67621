package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dyn.compiler.Compilation;
import dyn.compiler.Compiler;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.diag.Renderer;
import dyn.compiler.source.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests: every {@code examples/**}{@code /*.dyn} runs through {@link Main#run} exactly as
 * {@code dyn run} does, and its stdout (exit 0 or 1) is compared with {@code NAME.out}, or its
 * stderr (exit 2 or 3) with {@code NAME.err}. {@code NAME.args} holds extra arguments.
 * A missing expected file is written and the test fails; {@code DYN_UPDATE_GOLDEN=1} rewrites
 * them all and fails every test, so an update run is never green.
 */
class GoldenTest {
  private static final Path ROOT = Path.of(System.getProperty("dyn.root", "..")).toAbsolutePath().normalize();
  private static final Path EXAMPLES = ROOT.resolve("examples");
  private static final Path STDLIB = ROOT.resolve("stdlib");
  private static final boolean UPDATE = "1".equals(System.getenv("DYN_UPDATE_GOLDEN"));

  @TestFactory
  Stream<DynamicTest> examples() throws IOException {
    return scripts(EXAMPLES).map(f -> DynamicTest.dynamicTest(EXAMPLES.relativize(f).toString(), f.toUri(), () -> golden(f)));
  }

  @TestFactory
  Stream<DynamicTest> stdlibModulesCompile() throws IOException {
    return scripts(STDLIB).map(f -> DynamicTest.dynamicTest("stdlib/" + STDLIB.relativize(f), f.toUri(), () -> {
      assumeCompilerWorks();
      Compilation c = Compiler.compile(Source.read(f), new Compiler.Options(Map.of(), STDLIB));
      List<Diagnostic> errors = c.diagnostics().stream()
          .filter(d -> d.severity() == Diagnostic.Severity.ERROR).collect(Collectors.toList());
      assertTrue(errors.isEmpty(), () -> Renderer.render(errors, false));
    }));
  }

  private static Stream<Path> scripts(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return Stream.of();
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".dyn")).sorted().collect(Collectors.toList()).stream();
    }
  }

  /** Skips (loudly) in a build whose compiler or renderer is still a stub. */
  private static void assumeCompilerWorks() {
    try {
      Compiler.compile(Source.ofLines("probe.dyn", "param a = 1"), new Compiler.Options(Map.of(), STDLIB));
      Renderer.render(List.of(), false);
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("the compiler is not implemented in this build: " + e.getMessage());
    }
  }

  private static void golden(Path script) throws IOException {
    assumeCompilerWorks();
    String base = script.getFileName().toString().replaceAll("\\.dyn$", "");
    Path outFile = script.resolveSibling(base + ".out");
    Path errFile = script.resolveSibling(base + ".err");
    Path argsFile = script.resolveSibling(base + ".args");
    if (Files.exists(outFile) && Files.exists(errFile)) {
      fail("both " + outFile.getFileName() + " and " + errFile.getFileName() + " exist; keep one");
    }
    Path tmp = Files.createTempDirectory("dyn-golden");
    List<String> args = new ArrayList<>(List.of("run", script.toString()));
    if (Files.exists(argsFile)) {
      for (String line : Files.readAllLines(argsFile)) {
        if (!line.isBlank() && !line.trim().startsWith("#")) args.addAll(Arrays.asList(line.trim().split("\\s+")));
      }
    }
    args.addAll(List.of("--out", tmp.toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args.toArray(new String[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    // A diagnostic may point into the stdlib (a definition's `require` line, a body error).
    String[][] paths = {{tmp.toString(), "$OUT"}, {EXAMPLES.toString(), "$EXAMPLES"},
        {STDLIB.toString(), "$STDLIB"}};
    String stdout = GoldenText.normalise(out.toString(StandardCharsets.UTF_8), paths);
    String stderr = GoldenText.normalise(err.toString(StandardCharsets.UTF_8), paths);
    if (stderr.contains("UnsupportedOperationException")) {
      Assumptions.abort("a stage is not implemented in this build:\n" + stderr);
    }
    if (stderr.contains("internal error")) fail("an internal error is never an expected outcome:\n" + stderr);

    boolean succeeded = code == ExitCodes.OK || code == ExitCodes.CHECK_FAILED;
    Path expectedFile = succeeded ? outFile : errFile;
    Path otherFile = succeeded ? errFile : outFile;
    String actual = succeeded ? stdout : stderr;
    if (UPDATE) {
      Files.deleteIfExists(otherFile);
      Files.writeString(expectedFile, actual);
      fail("DYN_UPDATE_GOLDEN=1: wrote " + ROOT.relativize(expectedFile) + "; an update run never passes");
    }
    if (Files.exists(otherFile)) {
      fail("expected " + (succeeded ? "a failure (" : "success (") + ROOT.relativize(otherFile) + " exists) but exit "
          + code + " with\n" + actual + (succeeded ? "" : "\nstdout:\n" + stdout));
    }
    if (!Files.exists(expectedFile)) {
      Files.writeString(expectedFile, actual);
      fail("no expected output: wrote " + ROOT.relativize(expectedFile) + " (exit " + code + "); check it and commit it");
    }
    String expected = GoldenText.normalise(Files.readString(expectedFile), new String[0][]);
    Optional<String> mismatch = GoldenText.forScript(Files.readString(script)).compare(expected, actual);
    if (mismatch.isPresent()) assertEquals(expected, actual, mismatch.get());
  }
}
