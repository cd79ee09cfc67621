package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code require} in definition bodies: a false condition is one error at the caller's call (on the
 * argument when the condition mentions exactly one given parameter), with the {@code require} line
 * as a note, and nothing from the body it guards.
 */
class RequirementTest {
  /** A user model with two requirements, the second relating two parameters. */
  private static final String[] MODEL = {
    "model m(d, width, out = 1) {",
    "  require whole(width) and width >= 1, \"the width must be a whole number ≥ 1\"",
    "  require width >= d, \"the width must be at least d\"",
    "  param W1: [width, d] ~ normal(0, 1 / d)",
    "  param W2: [out, width] ~ normal(0, 1 / width)",
    "  return W2 @ W1 @ x",
    "}"};

  private static Compilation withModel(String... more) {
    String[] lines = new String[MODEL.length + more.length];
    System.arraycopy(MODEL, 0, lines, 0, MODEL.length);
    System.arraycopy(more, 0, lines, MODEL.length, more.length);
    return TestScripts.compile(lines);
  }

  private static List<Diagnostic> errors(Compilation c) {
    assertFalse(c.ok());
    return c.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
  }

  /** Asserts file, line, 1-based column of {@code token} in {@code lineText}, and caret length. */
  private static void at(Diagnostic d, String file, int line, String lineText, String token,
      int length) {
    assertEquals(file, d.where().file(), TestScripts.show(d));
    assertEquals(line, d.where().line(), TestScripts.show(d));
    assertEquals(lineText.indexOf(token) + 1, d.where().column(), TestScripts.show(d));
    assertEquals(length, d.where().length(), TestScripts.show(d));
  }

  /** The example from the issue: four errors inside the stdlib before, two at the user's calls now. */
  @Test
  void aBadStdlibArgumentIsOneErrorAtTheArgument() {
    String data = "data t = linear_teacher(d = 4, out = 2, n = 0, singular_values = [1, 2])";
    String net = "model net = two_layer(d = 4, width = -3, out = 2)";
    List<Diagnostic> es = errors(TestScripts.compile("import models", "import datasets", data, net,
        "train gd = descent(net, t, lr = 0.1, steps = 10)"));
    assertEquals(2, es.size(), TestScripts.show(es));

    Diagnostic n = es.get(0);
    at(n, "test.dyn", 3, data, "n = 0", "n = 0".length());
    assertEquals("the number of samples `n` must be a whole number ≥ 1, got 0", n.message());
    assertEquals("requirement", n.code());

    Diagnostic w = es.get(1);
    at(w, "test.dyn", 4, net, "width = -3", "width = -3".length());
    assertEquals("the width must be a whole number ≥ 1, got -3", w.message());
    assertEquals(Optional.empty(), w.hint());
    assertEquals(1, w.related().size());
    Diagnostic.Related note = w.related().get(0);
    assertTrue(note.where().file().endsWith("models.dyn"), note.where().file());
    assertTrue(note.where().sourceLine().trim().startsWith("require whole(width) and width >= 1"),
        note.where().sourceLine());
    assertEquals(3, note.where().column());
    assertEquals("required by `two_layer` here", note.message());
  }

  @Test
  void aPositionalArgumentIsMarkedToo() {
    String bad = "model a = m(4, 2.5)";
    List<Diagnostic> es = errors(withModel(bad));
    assertEquals(1, es.size(), TestScripts.show(es));
    at(es.get(0), "test.dyn", 8, bad, "2.5", 3);
    assertEquals("the width must be a whole number ≥ 1, got 2.5", es.get(0).message());
    assertEquals(2, es.get(0).related().get(0).where().line());
  }

  @Test
  void aConditionOnTwoGivenParametersMarksTheWholeCallAndShowsBoth() {
    String bad = "model a = m(d = 4, width = 2)";
    List<Diagnostic> es = errors(withModel(bad));
    assertEquals(1, es.size(), TestScripts.show(es));
    at(es.get(0), "test.dyn", 8, bad, "m(d", "m(d = 4, width = 2)".length());
    assertEquals("the width must be at least d, got d = 4, width = 2", es.get(0).message());
    assertEquals(3, es.get(0).related().get(0).where().line());
  }

  @Test
  void aConditionOnOneGivenParameterAndADefaultMarksTheGivenOne() {
    String bad = "model a = m(d = 10)";
    List<Diagnostic> es = errors(TestScripts.compile("model m(d, width = 8) {",
        "  require width >= d, \"the width must be at least d\"",
        "  param W: [width, d] ~ normal(0, 1)", "  return W @ x", "}", bad));
    assertEquals(1, es.size(), TestScripts.show(es));
    at(es.get(0), "test.dyn", 6, bad, "d = 10", "d = 10".length());
    assertEquals("the width must be at least d, got d = 10, width = 8", es.get(0).message());
  }

  @Test
  void theValuesShownIncludeTheDefaultsTheConditionRead() {
    // d and n are both written, so the caret is on the whole call; `whiten` kept its default.
    String bad = "data t = linear_teacher(d = 4, out = 1, n = 3, singular_values = [1])";
    List<Diagnostic> es = errors(TestScripts.compile("import datasets", bad));
    assertEquals(1, es.size(), TestScripts.show(es));
    at(es.get(0), "test.dyn", 2, bad, "linear_teacher(", bad.length() - bad.indexOf("linear_teacher("));
    assertEquals("whitening needs at least as many samples as dimensions (n ≥ d), got d = 4, n = 3,"
        + " whiten = true", es.get(0).message());

    String beta = "data t = sparse_teacher(d = 2, n = 10, beta = [1, 2, 3])";
    List<Diagnostic> bs = errors(TestScripts.compile("import datasets", beta));
    assertEquals(1, bs.size(), TestScripts.show(bs));
    assertEquals("`beta` needs one entry per input dimension (d), got d = 2, beta = [1, 2, 3]",
        bs.get(0).message());
  }

  @Test
  void aWidthSetByACoordinateCheckIsTheChecksError() {
    // The model line is fine (width 8 ≥ 2d); the check's width 4 is not.
    String cc = "report coord_check(net, t, widths = [4, 8], steps = 2, lr = 0.1)";
    List<Diagnostic> es = errors(TestScripts.compile("import datasets", "model m(d, width) {",
        "  require width >= 2 * d, \"the width must be at least 2d\"",
        "  param W1: [width, d] ~ normal(0, 1 / d)", "  param W2: [1, width] ~ normal(0, 1 / width)",
        "  return W2 @ W1 @ x", "}",
        "data t = linear_teacher(d = 4, out = 1, n = 10, singular_values = [1])",
        "model net = m(d = 4, width = 8)", "train gd = descent(net, t, lr = 0.1, steps = 2)", cc));
    assertEquals(1, es.size(), TestScripts.show(es));
    at(es.get(0), "test.dyn", 11, cc, "widths =", "widths = [4, 8]".length());
    assertEquals("the width must be at least 2d, got d = 4, width = 4", es.get(0).message());
    assertEquals(List.of(3, 9), es.get(0).related().stream().map(r -> r.where().line()).toList());
    assertEquals("`m` instantiated here; the check sets `width`", es.get(0).related().get(1).message());
  }

  @Test
  void aFailedRequirementSilencesTheLaterOnesOnTheSameParameter() {
    // width = 0 fails both `width >= 1` and `width >= d`: one error, the first.
    List<Diagnostic> es = errors(withModel("model a = m(d = 4, width = 0)"));
    assertEquals(List.of("the width must be a whole number ≥ 1, got 0"),
        es.stream().map(Diagnostic::message).toList());
  }

  @Test
  void independentBadArgumentsAreEachReported() {
    List<Diagnostic> es = errors(TestScripts.compile("import models",
        "model net = two_layer(d = 0, width = 4, out = 0.5)"));
    assertEquals(List.of("the input dimension `d` must be a whole number ≥ 1, got 0",
        "the output dimension `out` must be a whole number ≥ 1, got 0.5"),
        es.stream().map(Diagnostic::message).toList());
  }

  @Test
  void goodArgumentsCompile() {
    Compilation c = withModel("import datasets",
        "data t = linear_teacher(d = 4, out = 1, n = 10, singular_values = [1])",
        "model a = m(d = 4, width = 4)", "train gd = descent(a, t, lr = 0.1, steps = 2)");
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
  }

  @Test
  void stdlibRequirementsCoverDepthWidthListsAndCounts() {
    assertEquals(List.of(
        "the depth (number of weight matrices) must be a whole number ≥ 2, got 1",
        "`widths` must list at least one hidden width, each a whole number ≥ 1, got []",
        "a d × out teacher has at most min(d, out) singular values, got d = 2, out = 2,"
            + " singular_values = [3, 2, 1]",
        "`d` must be an even whole number ≥ 2 (the column is [z; x_q], d / 2 rows each), got 3"),
        errors(TestScripts.compile("import models", "import datasets",
            "model a = deep_linear(2, 3, 1, depth = 1)",
            "model b = mlp(d = 2, widths = [], out = 1)",
            "data c = linear_teacher(d = 2, out = 2, n = 10, singular_values = [3, 2, 1])",
            "model e = linear_attention(d = 3, heads = 1)"))
            .stream().map(Diagnostic::message).sorted(RequirementTest::byScriptOrder).toList());
  }

  /** Data statements are checked before models; put the messages back in script order. */
  private static int byScriptOrder(String a, String b) {
    List<String> order = List.of("the depth", "`widths`", "a d × out", "`d` must");
    return Integer.compare(rank(order, a), rank(order, b));
  }

  private static int rank(List<String> order, String m) {
    for (int i = 0; i < order.size(); i++) if (m.startsWith(order.get(i))) return i;
    return order.size();
  }

  @Test
  void aConditionThatIsNotABooleanIsTheDefinitionsError() {
    List<Diagnostic> es = errors(TestScripts.compile("model m(d) {",
        "  require d + 1, \"d\"", "  param W: [1, d] ~ normal(0, 1)", "  return W @ x", "}",
        "model a = m(d = 2)"));
    assertEquals(1, es.size(), TestScripts.show(es));
    assertEquals("a requirement must be a condition (true or false), got a number",
        es.get(0).message());
    assertEquals(2, es.get(0).where().line());
    assertEquals("in `a = m(…)`, instantiated here", es.get(0).related().get(0).message());
  }

  /*
   * linear_teacher(…, singular_values = 1) reported "`len` takes a vector" inside datasets.dyn, as
   * the stdlib's bug, with the user's call only as a note: the caller gave a number where the
   * requirement reads a vector.
   */
  @Test
  void aRequirementThatCannotReadAGivenArgumentIsTheCallersError() {
    String call = "data t = linear_teacher(d = 4, out = 2, n = 10, singular_values = 1)";
    List<Diagnostic> es = errors(TestScripts.compile("import datasets", call));
    assertEquals(1, es.size(), TestScripts.show(es));
    Diagnostic d = es.get(0);
    assertEquals("`len` takes a vector such as `[64, 64]`, got a number", d.message());
    at(d, "test.dyn", 2, call, "singular_values = 1", "singular_values = 1".length());
    assertEquals("in a requirement of `linear_teacher`, on `singular_values`", d.related().get(0).message());
    assertTrue(d.related().get(0).where().file().endsWith("datasets.dyn"), TestScripts.show(d));

    // Two given arguments in the condition, one of them the culprit: the culprit is marked.
    String mod = "data m = modular_addition(p = 5, amplitudes = 3, frequencies = [1])";
    Diagnostic a = errors(TestScripts.compile("import datasets", mod)).get(0);
    at(a, "test.dyn", 2, mod, "amplitudes = 3", "amplitudes = 3".length());
  }

  @Test
  void aRequirementThatCannotReadItsOwnDefaultIsTheDefinitionsError() {
    List<Diagnostic> es = errors(TestScripts.compile("model m(d, ws = 2) {",
        "  require len(ws) >= 1, \"ws\"", "  param W: [1, d] ~ normal(0, 1)", "  return W @ x", "}",
        "model a = m(d = 2)"));
    assertEquals(1, es.size(), TestScripts.show(es));
    assertEquals("`len` takes a vector such as `[64, 64]`, got a number", es.get(0).message());
    assertEquals(2, es.get(0).where().line(), "in the definition: the caller did not choose ws");
  }

  @Test
  void requireMustComeFirstAndSeesOnlyTheHeader() {
    List<Diagnostic> es = errors(TestScripts.compile("model m(d) {",
        "  param W: [1, d] ~ normal(0, 1)", "  require d >= 1, \"d\"",
        "  for l in 1 .. 2 {", "    require l > 0, \"l\"", "  }", "  return W @ x", "}"));
    assertEquals(List.of("`require` must come before the other statements of a definition body",
        "`require` is not allowed inside a `for` loop"),
        es.stream().map(Diagnostic::message).toList());
    assertEquals(List.of(3, 5), es.stream().map(d -> d.where().line()).toList());

    List<Diagnostic> names = errors(TestScripts.compile("model m(d) {",
        "  require x >= 1, \"x\"", "  param W: [1, d] ~ normal(0, 1)", "  return W @ x", "}"));
    assertEquals(List.of("unknown name `x`"), names.stream().map(Diagnostic::message).toList());
  }

  @Test
  void andAndOrStopAtADecidingLeftSide() {
    // min of an empty vector would be an error; the guard before it keeps it from being asked.
    List<Diagnostic> es = errors(TestScripts.compile("model m(d, ws) {",
        "  require len(ws) >= 1 and min(ws) >= 1, \"ws needs positive entries\"",
        "  param W: [1, d] ~ normal(0, 1)", "  return W @ x", "}", "model a = m(d = 2, ws = [])"));
    assertEquals(List.of("ws needs positive entries, got []"),
        es.stream().map(Diagnostic::message).toList());
  }

  @Test
  void requireIsStillUsableAsAName() {
    Compilation c = TestScripts.compile("import datasets", "param require = 4",
        "data t = linear_teacher(d = require, out = 1, n = 10, singular_values = [1])");
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
  }
}
