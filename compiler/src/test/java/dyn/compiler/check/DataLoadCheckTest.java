package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.Compiler;
import dyn.compiler.TestScripts;
import dyn.compiler.data.DataFiles;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.Op;
import dyn.compiler.source.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * load_* and corrupt in a dataset body: files resolve next to the script, their shapes type the
 * body, and a bad file is an error at the file name naming the file and the fault.
 */
class DataLoadCheckTest {
  @TempDir Path dir;

  private Compilation compile(String... body) {
    String[] lines = new String[body.length + 3];
    lines[0] = "dataset files(seed = 0) {";
    System.arraycopy(body, 0, lines, 1, body.length);
    lines[body.length + 1] = "}";
    lines[body.length + 2] = "data d = files(seed = 1)";
    return Compiler.compile(Source.ofLines(dir.resolve("study.dyn").toString(), lines),
        new Compiler.Options(Map.of(), TestScripts.stdlib()));
  }

  private static Diagnostic only(Compilation c) {
    List<Diagnostic> errors = c.diagnostics().stream()
        .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    assertEquals(1, errors.size(), TestScripts.show(c.diagnostics()));
    return errors.get(0);
  }

  @Test
  void shapesComeFromTheFilesNextToTheScript() throws IOException {
    Files.createDirectories(dir.resolve("data"));
    DataFiles.npy(dir.resolve("data/x.npy"), "5, 3", new double[15]);
    DataFiles.npy(dir.resolve("data/y.npy"), "5,", 0, 1, 2, 1, 0);
    Compilation c = compile("  x = load_npy(\"data/x.npy\")'", "  y = corrupt(load_npy(\"data/y.npy\"), 0.4, 3)");
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    DataStep step = (DataStep) c.plan().get().steps().get(0);
    assertEquals(3, step.graph().output(0).rows());
    assertEquals(5, step.graph().output(0).cols());
    Op.Load load = (Op.Load) step.graph().nodes().get(0).op();
    assertEquals(dir.resolve("data/x.npy"), load.file().path());
    assertTrue(step.graph().nodes().stream().anyMatch(n -> n.op() instanceof Op.Corrupt));
  }

  @Test
  void aMissingFileIsAnErrorAtItsName() {
    String line = "  x = load_npy(\"nope.npy\")";
    Diagnostic d = only(compile(line, "  y = x"));
    assertEquals("nope.npy: no such file", d.message());
    assertEquals(2, d.where().line());
    assertEquals(line.indexOf("\"nope") + 1, d.where().column());
    assertEquals(Optional.of("a data file's path is relative to the script's directory (" + dir + ")"), d.hint());
  }

  @Test
  void aRaggedCsvAndACorruptNpyAreErrorsNamingTheFault() throws IOException {
    Files.writeString(dir.resolve("r.csv"), "1,2\n3\n");
    Diagnostic ragged = only(compile("  x = load_csv(\"r.csv\")", "  y = x"));
    assertEquals("r.csv: line 2 has 1 cell, but line 1 has 2 (a ragged row)", ragged.message());
    DataFiles.npyRaw(dir.resolve("bad.npy"), 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }", new byte[16]);
    Diagnostic npy = only(compile("  x = load_npy(\"bad.npy\")", "  y = x"));
    assertEquals("bad.npy: corrupt .npy header: the shape (2, x) is not a tuple of sizes", npy.message());
  }

  @Test
  void loadedShapesAreCheckedLikeAnyOther() throws IOException {
    DataFiles.npy(dir.resolve("x.npy"), "5, 3", new double[15]);
    DataFiles.npy(dir.resolve("y.npy"), "4,", new double[4]);
    Diagnostic d = only(compile("  x = load_npy(\"x.npy\")'", "  y = load_npy(\"y.npy\")"));
    assertEquals("dataset `files`: x is [3×5] but y is [1×4]; both need one column per sample", d.message());
  }

  @Test
  void corruptNeedsAFractionInTheUnitIntervalAndAClassRow() throws IOException {
    DataFiles.npy(dir.resolve("y.npy"), "4,", 0, 1, 0, 1);
    String frac = "  y = corrupt(load_npy(\"y.npy\"), 1.5, 2)";
    Diagnostic d = only(compile("  x = ones(2, 4)", frac));
    assertEquals("the fraction of `corrupt` must be in [0, 1], got 1.5", d.message());
    assertEquals(frac.indexOf("1.5") + 1, d.where().column());
    // 2 × 4 would be one-hot columns of 2 classes; of 3 classes it is neither layout.
    Diagnostic shape = only(compile("  x = ones(2, 4)", "  y = corrupt(ones(2, 4), 0.1, 3)"));
    assertEquals("`corrupt` takes a row of class indices (1 × n) or one-hot columns (3 × n, one row"
        + " per class), got [2×4]", shape.message());
    Diagnostic classes = only(compile("  x = ones(2, 4)", "  y = corrupt(ones(1, 4), 0.1, 1)"));
    assertEquals("the class count of `corrupt` must be a whole number ≥ 2, got 1", classes.message());
  }

  @Test
  void aMisspeltLoaderIsSuggested() {
    Diagnostic d = only(compile("  x = load_nyp(\"x.npy\")", "  y = x"));
    assertEquals("unknown function `load_nyp`", d.message());
    assertEquals(Optional.of("did you mean `load_npy`?"), d.hint());
  }
}
