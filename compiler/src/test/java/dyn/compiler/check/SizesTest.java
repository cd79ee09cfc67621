package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sizes are checked before anything is allocated (issue 20, item 2). Before, these scripts
 * compiled, and the run died in a NegativeArraySizeException (4e9 values overflow an int), the
 * matrix library's "Matrix size exceeds the size of an integer", or an OutOfMemoryError. The
 * expected counts are the products of the sizes in the scripts, worked out in the comments.
 */
class SizesTest {
  private static Diagnostic only(String... lines) {
    Compilation c = TestScripts.compile(lines);
    assertFalse(c.ok());
    List<Diagnostic> errors = c.diagnostics().stream()
        .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    assertEquals(1, errors.size(), TestScripts.show(c.diagnostics()));
    return errors.get(0);
  }

  @Test
  void whatATrainRecordsCounts() {
    Diagnostic d = only("import models", "import datasets",
        "data teacher = linear_teacher(d = 2, out = 1, n = 10, singular_values = [1])",
        "model net = two_layer(d = 2, width = 200000, out = 1)",
        "train gd = descent(net, teacher, lr = 0.01, steps = 10000)",
        "observe loss, neuron_norms at linear(0, 100, 100000)");
    // 100,000 times × (1 loss + 200,000 neuron norms) × 8 bytes = 160.0008e9 bytes.
    assertTrue(d.message().startsWith("the records of `train gd` need about 160.0 GB (160,000,800,000 bytes)"
        + " (100,000 times × 200,001 values); the Java heap holds at most"), d.message());
    assertEquals(5, d.where().line());
  }

  @Test
  void aBillionWideLayerIsRefusedAtTheModelLine() {
    Diagnostic d = only("import models", "import datasets",
        "data teacher = linear_teacher(d = 4, out = 1, n = 100, singular_values = [1])",
        "model net = two_layer(d = 4, width = 1e9, out = 1)");
    // W1 is [width × d] = 1e9 × 4 = 4e9 values of 8 bytes = 32e9 bytes, past 2^31 - 1 - 8.
    assertEquals("parameter `W1` of `model net` would be a [1,000,000,000 × 4] tensor of"
        + " 4,000,000,000 values, 32.0 GB (32,000,000,000 bytes); one tensor holds at most"
        + " 2,147,483,639 values", d.message());
    assertEquals(4, d.where().line());
  }

  @Test
  void aSquareTeacherOfSide65536IsRefusedAtTheDataLine() {
    Diagnostic d = only("import datasets",
        "data teacher = linear_teacher(d = 65536, out = 1, n = 65536, singular_values = [1])");
    // orthogonal(d) and normal(d, n) are 65536 × 65536 = 2^32 = 4,294,967,296 values.
    assertTrue(d.message().startsWith("`data teacher` would be a [65,536 × 65,536] tensor of 4,294,967,296"
        + " values, 34.4 GB (34,359,738,368 bytes)"), d.message());
    assertEquals(2, d.where().line());
  }

  @Test
  void activationsOverTheDatasetAreCountedAtTheTrainLine() {
    Diagnostic d = only("import models", "import datasets",
        "data teacher = linear_teacher(d = 4, out = 1, n = 100000, singular_values = [1])",
        "model net = two_layer(d = 4, width = 100000, out = 1)",
        "train gd = descent(net, teacher, lr = 0.01, steps = 10)");
    // W1 @ x is [width × n] = 1e5 × 1e5 = 1e10 values.
    assertTrue(d.message().startsWith("an activation of `train gd` would be a [100,000 × 100,000] tensor of"
        + " 10,000,000,000 values"), d.message());
    assertEquals(5, d.where().line());
  }

  @Test
  void aPlanLargerThanTheHeapIsRefusedWithBothSizes() {
    // Every forward value of two_layer over n samples is [width × n] (W1 @ x, act) or smaller; with
    // width = n = k that is k² values of 8 bytes. k is chosen so that one of them alone is more
    // than the heap, while each stays a legal array (k² ≤ 2^31 - 9, k ≤ 46,340).
    long heap = Runtime.getRuntime().maxMemory();
    long k = (long) Math.ceil(Math.sqrt(heap / 8.0)) + 1;
    org.junit.jupiter.api.Assumptions.assumeTrue(k <= 46_340, "this JVM's heap is larger than one tensor may be");
    Diagnostic d = only("import models", "import datasets",
        "data teacher = linear_teacher(d = 4, out = 1, n = " + k + ", singular_values = [1])",
        "model net = two_layer(d = 4, width = " + k + ", out = 1)",
        "train gd = descent(net, teacher, lr = 0.01, steps = 10)");
    assertTrue(d.message().startsWith("`train gd` needs about "), d.message());
    assertTrue(d.message().endsWith("for its data, parameters and activations over n = "
        + String.format(java.util.Locale.ROOT, "%,d", k) + " samples; the Java heap holds at most "
        + Sizes.bytes(heap)), d.message());
    assertEquals(5, d.where().line());
  }

  @Test
  void hugeGridsAreRefusedBeforeTheyAreBuilt() {
    Diagnostic d = only("import models", "import datasets",
        "data teacher = linear_teacher(d = 4, out = 1, n = 10, singular_values = [1])",
        "model net = two_layer(d = 4, width = 2, out = 1)",
        "train gd = descent(net, teacher, lr = 0.01, until = 1)",
        "observe loss at linear(0, 1, 1e9)");
    assertEquals("the number of points must be at most 1,000,000, got 1,000,000,000", d.message());
    assertEquals(6, d.where().line());
    assertEquals("observe loss at linear(0, 1, 1e9)".indexOf("1e9") + 1, d.where().column());
  }

  @Test
  void aSweepAxisOfABillionValuesIsRefusedBeforeItIsBuilt() {
    Diagnostic d = only("param lr = 0.1", "sweep s = grid(lr = linspace(0, 1, 1e9))");
    assertEquals("the number of values must be at most 1,000,000, got 1,000,000,000", d.message());
    assertEquals(2, d.where().line());
  }

  @Test
  void theExamplesSizesPass() {
    // The largest tensor of the README's first study is a few hundred values: no refusal.
    assertTrue(TestScripts.compile("import models", "import datasets",
        "data teacher = linear_teacher(d = 6, out = 6, n = 200, singular_values = [5, 3])",
        "model net = two_layer(d = 6, width = 8, out = 6)",
        "train gd = descent(net, teacher, lr = 0.01, until = 1)").ok());
  }

  @Test
  void stepsThatFitAloneCanTogetherExceedTheHeap() {
    // The bytes per sample of one linear_teacher (d = 1), measured from its compiled graph.
    int n0 = 1_000_000;
    dyn.compiler.plan.DataStep one = TestScripts.plan("import datasets",
        "data a = linear_teacher(d = 1, out = 1, n = " + n0 + ", singular_values = [1])").step(0, dyn.compiler.plan.DataStep.class);
    double perSample = Sizes.graphBytes(one.graph(), 0) / n0;
    long heap = Runtime.getRuntime().maxMemory();
    // Three datasets of 0.4 heap each: each fits, the three (1.2 heap) do not.
    long n = (long) (0.4 * heap / perSample);
    org.junit.jupiter.api.Assumptions.assumeTrue(n <= Sizes.MAX_ELEMENTS, "this JVM's heap is larger than the test's tensors may be");
    String data = " = linear_teacher(d = 1, out = 1, n = " + n + ", singular_values = [1])";
    Diagnostic d = only("import datasets", "data a" + data, "data b" + data, "data c" + data);
    assertTrue(d.message().startsWith("the plan needs about "), d.message());
    assertTrue(d.message().endsWith("; the Java heap holds at most " + Sizes.bytes(heap)), d.message());
    assertEquals(2, d.where().line(), "at the largest dataset, the first of three equal ones");
    assertTrue(TestScripts.compile("import datasets", "data a" + data).ok(), "one alone fits");
  }

  /*
   * Constants are built by the checker itself, value by value, so they are checked before they
   * are built: `pairs(100000)` (modular_addition at p = 100000, found by mutating the example)
   * overflowed p·p in int arithmetic to 1,410,065,408 and ran the checker out of memory after a
   * minute, an internal error, before the dataset's size check could speak.
   */
  @Test
  void pairsOfAHugeModulusIsRefusedBeforeItIsBuilt() {
    Diagnostic d = only("import datasets",
        "data mod = modular_addition(p = 100000, amplitudes = [1], frequencies = [1])");
    // pairs(p) is 2 × p² = 2 × 10^10 values of 8 bytes.
    assertEquals("`pairs(100000)` would be a [2 × 10,000,000,000] tensor of 20,000,000,000 values,"
        + " 160.0 GB (160,000,000,000 bytes); one tensor holds at most 2,147,483,639 values", d.message());
  }

  @Test
  void eyeAndOnesPastOneTensorAreRefusedAtTheCall() {
    // 100000² = 10^10 wraps to 1,410,065,408 in int arithmetic: the old loop's bound.
    Diagnostic eye = only("dataset big(n) {", "  x = eye(n)", "  y = ones(1, 3)", "}",
        "data d = big(n = 100000)");
    assertTrue(eye.message().startsWith("`eye(100000)` would be a [100,000 × 100,000] tensor of"
        + " 10,000,000,000 values"), eye.message());
    assertEquals(2, eye.where().line());
    Diagnostic ones = only("dataset big(n) {", "  x = ones(n, n)", "  y = ones(1, n)", "}",
        "data d = big(n = 50000)");
    assertTrue(ones.message().startsWith("`ones(50000, 50000)` would be a [50,000 × 50,000] tensor"
        + " of 2,500,000,000 values"), ones.message());
  }

  @Test
  void aConstantThatFitsOneTensorButNotTheHeapAsBuiltIsRefused() {
    // range(n) at the largest count: 2,147,483,639 values fit one tensor, but the checker's boxed
    // values (CHECKED_BYTES each) exceed any heap this test runs with (the default is a quarter of
    // the memory; 40 × 2.1e9 = 86 GB).
    org.junit.jupiter.api.Assumptions.assumeTrue(Sizes.heap() < Sizes.CHECKED_BYTES * Sizes.MAX_ELEMENTS);
    Diagnostic d = only("dataset big(n) {", "  x = range(n)", "  y = range(3)", "}",
        "data d = big(n = 2147483639)");
    assertTrue(d.message().startsWith("`range(2147483639)` is built when the script is checked and"
        + " needs about 85.9 GB (85,899,345,560 bytes) for its 2,147,483,639 values; the Java heap"
        + " holds at most"), d.message());
  }
}
