package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each error message of the resolver and checker, with its line:col and hint. */
class CheckerErrorTest {
  private static final String DATA =
      "data teacher = linear_teacher(d = 6, out = 6, n = 200, singular_values = [5, 3])";
  private static final String NET = "model net = two_layer(d = 6, width = 8, out = 6)";

  /** The single error of a script that must not compile. */
  private static Diagnostic only(Compilation c) {
    assertFalse(c.ok());
    List<Diagnostic> errors = c.diagnostics().stream()
        .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    assertEquals(1, errors.size(), TestScripts.show(c.diagnostics()));
    return errors.get(0);
  }

  private static Diagnostic only(String... lines) {
    return only(TestScripts.compile(lines));
  }

  /** Asserts position (1-based column of {@code token} in that line) and message. */
  private static void at(Diagnostic d, int line, String lineText, String token, String message) {
    assertEquals(message, d.message());
    assertEquals(line, d.where().line(), TestScripts.show(d));
    assertEquals(lineText.indexOf(token) + 1, d.where().column(), TestScripts.show(d));
  }

  @Test
  void unknownActivationSuggestsTheClosest() {
    String bad = "model net = two_layer(d = 6, width = 8, out = 6, act = rleu)";
    Diagnostic d = only("import models", "import datasets", DATA, bad);
    at(d, 4, bad, "rleu", "unknown activation `rleu`");
    assertEquals(Optional.of("did you mean `relu`?"), d.hint());
    assertEquals(4, d.where().length());
  }

  /**
   * A name at an argument that expects one kind is suggested from that kind, and the message
   * names it: `teachr` is closer to the activation `tanh` than to anything else by edit distance,
   * but the second argument of `descent` is a dataset.
   */
  @Test
  void unknownNamesAreSuggestedFromTheKindTheirPositionExpects() {
    String bad = "train gd = descent(net, teachr, lr = 0.01, until = 16)";
    Diagnostic d = only("import models", "import datasets", DATA, NET, bad);
    at(d, 5, bad, "teachr", "unknown dataset `teachr`");
    assertEquals(Optional.of("did you mean `teacher`?"), d.hint());

    String model = "train gd = descent(nett, teacher, lr = rate2, until = 16)";
    Compilation c = TestScripts.compile("import models", "import datasets", "param rate = 0.1", DATA, NET, model);
    assertEquals(List.of("unknown model `nett` [did you mean `net`?]", "unknown param `rate2` [did you mean `rate`?]"),
        c.diagnostics().stream().map(x -> x.message() + x.hint().map(h -> " [" + h + "]").orElse("")).toList());

    String agf = "predict p = agf(net, teachr)";
    at(only("import models", "import datasets", DATA, NET, agf), 5, agf, "teachr", "unknown dataset `teachr`");
    String aligned = "model m = two_layer(d = 6, width = 8, out = 6, init = aligned(teachr))";
    at(only("import models", "import datasets", DATA, aligned), 4, aligned, "teachr", "unknown dataset `teachr`");
    String init = "model m = two_layer(6, 8, 6, tahn, init = balancd)";
    Compilation i = TestScripts.compile("import models", "import datasets", DATA, init);
    assertEquals(List.of("unknown activation `tahn` [did you mean `tanh`?]", "unknown init `balancd` [did you mean `balanced`?]"),
        i.diagnostics().stream().map(x -> x.message() + x.hint().map(h -> " [" + h + "]").orElse("")).toList());
    String cc = "report coord_check(net, teachr, widths = [4, 8], steps = 2, lr = 0.1)";
    at(only("import models", "import datasets", DATA, NET, cc), 5, cc, "teachr", "unknown dataset `teachr`");
  }

  @Test
  void unknownNameSuggestsWhatIsInScope() {
    String bad = "param depth = widht + 1";
    Diagnostic d = only("param width = 8", bad);
    at(d, 2, bad, "widht", "unknown name `widht`");
    assertEquals(Optional.of("did you mean `width`?"), d.hint());
  }

  @Test
  void unknownNameInADefinitionBody() {
    String bad = "  return W @ xx";
    Diagnostic d = only("model m(d) {", "  param W: [1, d] ~ normal(0, 1)", bad, "}");
    at(d, 3, bad, "xx", "unknown name `xx`");
    assertEquals(Optional.of("did you mean `x`?"), d.hint());
  }

  @Test
  void wrongArgumentNameSuggestsTheAllowedKey() {
    String bad = "model net = two_layer(d = 6, widht = 8, out = 6)";
    Compilation c = TestScripts.compile("import models", "import datasets", DATA, bad);
    Diagnostic d = c.diagnostics().get(0);
    at(d, 4, bad, "widht", "unknown argument `widht`");
    assertEquals(Optional.of("did you mean `width`?"), d.hint());
    // The header `width` is then missing too, but that is the same mistake: one error, not two.
    assertEquals(1, c.diagnostics().size(), TestScripts.show(c.diagnostics()));
  }

  /**
   * The suggestion for a misspelt argument comes from the keys the call has not given: `n` is
   * one edit from both `d` and `m`, and `d` is given already (by name here, or by position).
   */
  @Test
  void wrongArgumentNameSuggestsAKeyNotYetGiven() {
    for (String bad : List.of("data mix = gaussian_mixture(d = 2, n = 100, classes = 3)",
        "data mix = gaussian_mixture(3, 2, n = 100)")) {
      Compilation c = TestScripts.compile("import datasets", bad);
      Diagnostic d = c.diagnostics().get(0);
      at(d, 2, bad, "n =", "unknown argument `n`");
      assertEquals(Optional.of("did you mean `m`?"), d.hint(), bad);
    }
    // Every key given: nothing left to suggest (`seed` again would be a duplicate).
    String full = "data mix = gaussian_mixture(classes = 3, d = 3, m = 10, separation = 3, "
        + "noise = 1, m_test = 0, seed = 0, sed = 1)";
    Diagnostic d = only("import datasets", full);
    assertEquals("unknown argument `sed`", d.message());
    assertEquals(Optional.empty(), d.hint());
  }

  @Test
  void innerDimensionsOfAProductMustAgree() {
    String bad = "  x = normal(6, 8) @ normal(4, 200)";
    Diagnostic d = only("dataset bad() {", bad, "  y = x", "}",
        "data t = bad()", "import models");
    at(d, 2, bad, "normal(6", "cannot multiply [6×8] by [4×200]: inner dimensions 8 and 4 differ");
  }

  @Test
  void modelInputWidthMustMatchTheData() {
    String model = "model net = two_layer(d = 5, width = 8, out = 6)";
    String train = "train gf = flow(net, teacher, until = 1)";
    Diagnostic d = only("import models", "import datasets", DATA, model, train);
    at(d, 5, train, "teacher", "model `net` expects inputs of dimension 5 but data `teacher` has 6");
    assertEquals(2, d.related().size());
    assertEquals(4, d.related().get(0).where().line());
    assertEquals(3, d.related().get(1).where().line());
  }

  @Test
  void learningRateMustBePositive() {
    String bad = "train gd = descent(net, teacher, lr = -0.1, until = 1)";
    Diagnostic d = only("import models", "import datasets", DATA, NET, bad);
    at(d, 5, bad, "-0.1", "learning rate must be positive, got -0.1");
  }

  @Test
  void initScaleMustBePositive() {
    String bad = "model net = two_layer(d = 6, width = 8, out = 6, scale = 0)";
    Diagnostic d = only("import models", "import datasets", DATA, bad);
    at(d, 4, bad, "0)", "init scale must be positive, got 0");
  }

  @Test
  void untilAndRtolMustBePositive() {
    String bad = "train gf = flow(net, teacher, until = 0, rtol = -1)";
    Compilation c = TestScripts.compile("import models", "import datasets", DATA, NET, bad);
    assertEquals(List.of("`until` must be positive, got 0", "`rtol` must be positive, got -1"),
        c.diagnostics().stream().map(Diagnostic::message).toList());
  }

  @Test
  void duplicateNamePointsAtTheFirstDeclaration() {
    String first = "param alpha = 1";
    String second = "param alpha = 2";
    Diagnostic d = only(first, "param beta = 3", second);
    at(d, 3, second, "alpha", "`alpha` is declared more than once");
    assertEquals(1, d.related().size());
    assertEquals("previously declared here", d.related().get(0).message());
    assertEquals(1, d.related().get(0).where().line());
    assertEquals(first.indexOf("alpha") + 1, d.related().get(0).where().column());
  }

  @Test
  void aScriptNameThatClashesWithAnImportedOneSaysWhereItCameFrom() {
    // grokking.dyn named its instance `mlp` before the stdlib grew a `mlp` model.
    Compilation c = TestScripts.compile("import models", "import datasets", DATA,
        "model mlp = two_layer(d = 6, width = 8, out = 6)");
    Diagnostic d = c.diagnostics().stream()
        .filter(x -> x.message().equals("`mlp` is declared more than once")).findFirst().orElseThrow();
    assertEquals(4, d.where().line());
    assertEquals("rename this one; `mlp` already comes from an imported module", d.hint().orElseThrow());
  }

  @Test
  void sameFileDuplicateHasNoImportHint() {
    Diagnostic d = only("param alpha = 1", "param alpha = 2");
    assertTrue(d.hint().isEmpty());
  }

  @Test
  void overrideOfAnUnknownParam() {
    Diagnostic d = only(TestScripts.compile(Map.of("alpah", "1e-6"), "param alpha = 1e-4"));
    assertEquals("unknown param `alpah` in command-line override", d.message());
    assertEquals(Optional.of("did you mean `alpha`?"), d.hint());
    assertEquals("<command line>", d.where().file());
    assertEquals("alpah=1e-6", d.where().sourceLine());
  }

  @Test
  void malformedOverride() {
    Diagnostic d = only(TestScripts.compile(Map.of("alpha", "1e-"), "param alpha = 1e-4"));
    assertEquals("malformed value `1e-` for param `alpha`: expected a number", d.message());
    assertEquals(7, d.where().column());
  }

  @Test
  void anOverridePastFloat64IsOutOfRangeNotMalformed() {
    // 1e999 parses, to infinity, and 1e-400 to 0: the same words as the literals in a script get.
    Diagnostic d = only(TestScripts.compile(Map.of("alpha", "1e999"), "param alpha = 1e-4"));
    assertEquals("`1e999` is beyond the range of a float64 number (param `alpha`)", d.message());
    assertEquals(Optional.of("the largest float64 is about 1.8e308"), d.hint());
    Diagnostic tiny = only(TestScripts.compile(Map.of("alpha", "1e-400"), "param alpha = 1e-4"));
    assertEquals("`1e-400` is below the smallest float64 number and would read as 0 (param `alpha`)",
        tiny.message());
    assertTrue(TestScripts.compile(Map.of("alpha", "0e-400"), "param alpha = 1e-4").ok(), "a written 0 is 0");
    // Java's spellings that parseDouble accepts are not dyn numbers.
    for (String java : List.of("Infinity", "NaN", "1d", "2F", "0x1p4")) {
      assertEquals("malformed value `" + java + "` for param `alpha`: expected a number",
          only(TestScripts.compile(Map.of("alpha", java), "param alpha = 1e-4")).message(), java);
    }
  }

  @Test
  void overrideReplacesTheValue() {
    Compilation c = TestScripts.compile(Map.of("alpha", "1e-6"), "param alpha = 1e-4",
        "param beta = alpha * 2");
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    var params = c.plan().get().params();
    assertEquals(1e-6, params.get(0).value());
    assertTrue(params.get(0).overridden());
    assertEquals(2e-6, params.get(1).value(), 1e-21);
    assertFalse(params.get(1).overridden());
  }

  @Test
  void unknownModuleSuggestsAFile() {
    Diagnostic d = only("import modles");
    at(d, 1, "import modles", "modles", "unknown module `modles`");
    assertEquals(Optional.of("did you mean `models`?"), d.hint());
  }

  @Test
  void testLossNeedsATestSplit() {
    String bad = "observe loss, test_loss";
    Diagnostic d = only("import models", "import datasets", DATA, NET,
        "train gf = flow(net, teacher, until = 1)", bad);
    at(d, 6, bad, "test_loss",
        "`test_loss` needs a test split, but data `teacher` of train `gf` has none");
  }

  @Test
  void singularValuesNeedALinearModel() {
    String bad = "observe singular_values";
    Diagnostic d = only("import models", "import datasets", DATA,
        "model net = two_layer(d = 6, width = 8, out = 6, act = relu)",
        "train gf = flow(net, teacher, until = 1)", bad);
    at(d, 6, bad, "singular_values", "`singular_values` needs a model that is linear in x, but "
        + "model `net` of train `gf` is not");
  }

  @Test
  void neuronNormsNeedANeuronDecomposition() {
    String bad = "observe neuron_norms";
    Diagnostic d = only("import models", "import datasets", DATA,
        "model net = deep_linear(d = 6, width = 8, out = 6)",
        "train gf = flow(net, teacher, until = 1)", bad);
    at(d, 6, bad, "neuron_norms", "`neuron_norms` needs a neuron decomposition, but model `net` "
        + "of train `gf` declares none");
  }

  @Test
  void nc1NeedsALinearLastLayer() {
    String bad = "observe nc1";
    Diagnostic d = only("import datasets", DATA, "model squash(d) {",
        "  param W: [6, d] ~ normal(0, 1 / d)", "  return tanh(W @ x)", "}",
        "model net = squash(d = 6)", "train gd = descent(net, teacher, lr = 0.1, steps = 10)", bad);
    at(d, 9, bad, "nc1", "`nc1` needs the model's output to be a linear layer `W @ h` (plus a"
        + " bias) of features h, but model `net` of train `gd` ends otherwise");
  }

  @Test
  void tableSeriesMustBeObserved() {
    String bad = "report table(gf.singular_values)";
    Diagnostic d = only("import models", "import datasets", DATA, NET,
        "train gf = flow(net, teacher, until = 1)", bad);
    at(d, 6, bad, "singular_values", "train `gf` does not record `singular_values`");
  }

  @Test
  void reportFilesStayInTheOutputFolder() {
    String bad = "report csv(\"../out.csv\")";
    Diagnostic d = only("import models", "import datasets", DATA, NET,
        "train gf = flow(net, teacher, until = 1)", bad);
    at(d, 6, bad, "\"", "report file `../out.csv` must be a relative path inside the output "
        + "folder (no `..`)");
  }

  @Test
  void balancedInitNeedsNeurons() {
    String bad = "model net = deep_linear(d = 6, width = 4, out = 6, init = balanced)";
    Diagnostic d = only("import models", bad);
    at(d, 2, bad, "balanced", "`balanced` init needs a neuron decomposition, but `deep_linear` "
        + "declares none");
  }

  @Test
  void alignedInitNeedsATwoLayerLinearModel() {
    String bad = "model net = two_layer(d = 6, width = 4, out = 6, act = relu, init = aligned(teacher))";
    Diagnostic d = only("import models", "import datasets", DATA, bad);
    at(d, 4, bad, "aligned", "`aligned` init needs a two-layer linear model, but `two_layer` is "
        + "not one");
    assertEquals(3, d.related().get(0).where().line());
  }

  @Test
  void trainArgumentsMustBeOfTheRightKind() {
    String bad = "train gf = flow(teacher, net, until = 1)";
    Compilation c = TestScripts.compile("import models", "import datasets", DATA, NET, bad);
    assertEquals(List.of("`teacher` is not a model", "`net` is not a dataset"),
        c.diagnostics().stream().map(Diagnostic::message).toList());
  }

  @Test
  void paramCycle() {
    Compilation c = TestScripts.compile("param a = b + 1", "param b = a * 2");
    assertFalse(c.ok());
    assertEquals("param `a` depends on itself", c.diagnostics().get(0).message());
  }

  @Test
  void paramsMayUseLaterParams() {
    Compilation c = TestScripts.compile("param a = b + 1", "param b = sqrt(16)");
    assertTrue(c.ok(), TestScripts.show(c.diagnostics()));
    assertEquals(5.0, c.plan().get().params().get(0).value());
  }

  @Test
  void positionalAfterNamed() {
    String bad = "train gf = flow(model = net, teacher, until = 1)";
    Compilation c = TestScripts.compile("import models", "import datasets", DATA, NET, bad);
    at(c.diagnostics().get(0), 5, bad, "teacher,", "positional argument after a named one in `flow`");
  }

  @Test
  void errorsInEveryStatementOfTheStageAreReported() {
    Compilation c = TestScripts.compile("import models", "import datasets", DATA, NET,
        "train gd = descent(net, teacher, lr = 0, until = 1)",
        "train gf = flow(net, teacher, until = 1)",
        "report table(gf.neuron_norms)", "check final(gd.loss) < 1");
    assertEquals(List.of("learning rate must be positive, got 0",
        "train `gf` does not record `neuron_norms`"),
        c.diagnostics().stream().map(Diagnostic::message).toList());
  }

  @Test
  void definitionErrorsNameTheInstantiatingStatement() {
    // No requirement of gaussian_mixture covers a vector `separation`: the body's own error
    // points into the stdlib, with the call as a note.
    Compilation c = TestScripts.compile("import datasets",
        "data t = gaussian_mixture(classes = 2, d = 2, m = 3, separation = [1, 2, 3])");
    Diagnostic d = only(c);
    assertTrue(d.where().file().endsWith("datasets.dyn"), d.where().file());
    assertTrue(d.message().startsWith("cannot multiply elementwise [3×1] and [2×2]"), d.message());
    Diagnostic.Related call = d.related().get(d.related().size() - 1);
    assertEquals("test.dyn", call.where().file());
    assertEquals(2, call.where().line());
    assertEquals("in `t = gaussian_mixture(…)`, instantiated here", call.message());
  }

  @Test
  void neuronCountMustMatchTheParameter() {
    String bad = "  neuron i < 3: W[i, :]";
    Diagnostic d = only("model m(d) {", "  param W: [4, d] ~ normal(0, 1)", bad,
        "  return W @ x", "}", "data t = u()", "dataset u() {", "  x = normal(2, 5)",
        "  y = normal(4, 5)", "}", "model net = m(d = 2)");
    at(d, 3, bad, "W[i", "there are 3 neurons but `W` has 4 rows");
  }

  @Test
  void errorsInsideAStdlibBodyPointIntoTheStdlibFile() {
    // `act` has no requirement; a vector is not an activation, and the body says so where it
    // applies it.
    Compilation c = TestScripts.compile("import models",
        "model net = two_layer(d = 6, width = 4, out = 6, act = [1, 2])");
    assertEquals(1, c.diagnostics().size(), TestScripts.show(c.diagnostics()));
    Diagnostic d = c.diagnostics().get(0);
    assertTrue(d.where().file().endsWith("models.dyn"), d.where().file());
    assertTrue(d.where().sourceLine().contains("return W2 @ act(W1 @ x)"), d.where().sourceLine());
  }

  @Test
  void checkStageRunsOnlyAfterACleanResolve() {
    // The bad learning rate is a check error; the unknown name stops compilation before it.
    Compilation c = TestScripts.compile("import models", "import datasets", DATA, NET,
        "train gd = descent(net, teacher, lr = -1, until = 1)", "param a = nope");
    assertEquals(List.of("unknown name `nope`"),
        c.diagnostics().stream().map(Diagnostic::message).toList());
  }
}
