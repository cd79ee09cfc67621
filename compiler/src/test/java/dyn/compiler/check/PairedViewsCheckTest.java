package dyn.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.Compiler;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.TrainStep;
import dyn.compiler.source.Source;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Paired views ({@code x2}), {@code mask} and {@code loss = barlow_twins(…)} in the checker: what
 * a paired dataset yields, what the plan records, and the diagnostics for misuse.
 */
class PairedViewsCheckTest {
  private static Compilation compile(String... lines) {
    return Compiler.compile(Source.ofLines("study.dyn", lines),
        new Compiler.Options(Map.of(), TestScripts.stdlib()));
  }

  private static final String[] HEAD = {
    "dataset views(n, p = 0.2, seed = 0) {",
    "  let s = normal(4, n)",
    "  x = mask(s, p)",
    "  x2 = mask(s, p)",
    "}",
    "model emb(d, out) {",
    "  param W: [out, d] ~ normal(0, 1 / d)",
    "  return W @ x",
    "}",
    "model net = emb(d = 4, out = 2, scale = 1e-3)"};

  private static String[] with(String... more) {
    String[] all = new String[HEAD.length + more.length];
    System.arraycopy(HEAD, 0, all, 0, HEAD.length);
    System.arraycopy(more, 0, all, HEAD.length, more.length);
    return all;
  }

  private static List<Diagnostic> errors(Compilation c) {
    return c.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
  }

  @Test
  void aPairedDatasetWithoutLabelsTrainsWithBarlowTwins() {
    Compilation c = compile(with("data v = views(n = 8)",
        "train gd = sgd(net, v, lr = 0.1, batch = 4, steps = 2, loss = barlow_twins(off_diagonal = 0.5))",
        "observe loss, embedding_eigenvalues at linear(0, 0.2, 3)"));
    assertTrue(errors(c).isEmpty(), TestScripts.show(c.diagnostics()));
    DataStep data = c.plan().orElseThrow().steps().stream().filter(s -> s instanceof DataStep)
        .map(s -> (DataStep) s).findFirst().orElseThrow();
    assertEquals(List.of("x", "x2"), data.outputs());
    assertEquals(2, data.graph().nodes().stream().filter(n -> n.op() instanceof Op.Mask).count());
    TrainStep t = c.plan().orElseThrow().steps().stream().filter(s -> s instanceof TrainStep)
        .map(s -> (TrainStep) s).findFirst().orElseThrow();
    assertEquals(TrainStep.Loss.BARLOW_TWINS, t.loss());
    assertEquals(0.5, t.barlowTwins().orElseThrow().offDiagonal());
  }

  @Test
  void aMaskingProbabilityOutsideZeroOneIsAnErrorAtIt() {
    Compilation c = compile(with("data v = views(n = 8, p = 1.5)"));
    List<Diagnostic> e = errors(c);
    // One per `mask` call of the body, each at its probability argument.
    assertEquals(2, e.size(), TestScripts.show(c.diagnostics()));
    assertTrue(TestScripts.show(c.diagnostics()).contains("study.dyn:3:15:"),
        TestScripts.show(c.diagnostics()));
    assertTrue(e.get(0).message().contains("masking probability of `mask` must be in [0, 1], got 1.5"),
        e.get(0).message());
  }

  @Test
  void aMisspeltLossCallGetsADidYouMean() {
    Compilation c = compile(with("data v = views(n = 8)",
        "train gd = descent(net, v, lr = 0.1, steps = 2, loss = barlow_twin(off_diagonal = 1))"));
    List<Diagnostic> e = errors(c);
    assertEquals(1, e.size(), TestScripts.show(c.diagnostics()));
    assertTrue(e.get(0).message().contains("unknown loss `barlow_twin`"), e.get(0).message());
    assertEquals("did you mean `barlow_twins`?", e.get(0).hint().orElse(""));
  }

  @Test
  void aSecondViewOfAnotherShapeIsAnError() {
    Compilation c = compile("dataset bad(seed = 0) {", "  x = normal(4, 8)",
        "  x2 = normal(3, 8)", "}", "data v = bad()");
    List<Diagnostic> e = errors(c);
    assertEquals(1, e.size(), TestScripts.show(c.diagnostics()));
    assertTrue(e.get(0).message().contains("its second view x2 is"), e.get(0).message());
  }

  @Test
  void sslStepwiseNeedsAPlainLinearEmbedding() {
    Compilation c = compile(with("data v = views(n = 8)",
        "model scaled = emb(d = 4, out = 2, scale = 1e-3, gamma = 2)",
        "train gd = descent(scaled, v, lr = 0.1, steps = 2, loss = barlow_twins)",
        "predict s = ssl_stepwise(scaled, v)"));
    List<Diagnostic> e = errors(c);
    assertEquals(1, e.size(), TestScripts.show(c.diagnostics()));
    assertTrue(e.get(0).message().contains("is not one: its output is not W @ x"), e.get(0).message());
  }
}
