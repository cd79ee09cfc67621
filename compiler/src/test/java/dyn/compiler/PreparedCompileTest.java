package dyn.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.PlanJson;
import dyn.compiler.source.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A script prepared once (parsed and resolved) and compiled at a point must give exactly what a
 * whole compile at that point gives: the same plan, the same diagnostics, whichever points were
 * compiled before it and on whichever thread. The reference is {@code Compiler.compile} itself,
 * the path every point took before preparing existed.
 */
class PreparedCompileTest {
  private static final Source SCRIPT = Source.ofLines("test.dyn",
      "import models", "import datasets",
      "param lr = 0.1", "param gamma = 1", "param seed = 0", "param width = 3",
      "data teacher = linear_teacher(d = 2, out = 1, n = 8, singular_values = [1], seed = seed)",
      "model net = two_layer(d = 2, width = width, out = 1, seed = seed + 1)",
      "train gd = descent(net, teacher, lr = lr, steps = 5)",
      "observe loss at linear(0, 5 * lr, 3)",
      "sweep s = grid(lr = [0.1, 0.2], width = [1, 2, 0], seed = seeds(2)) {",
      "  loss = final(gd.loss)",
      "}",
      "let m = min(s.loss, over = lr)",
      "report table(m)");

  private static final Compiler.Options OPTIONS =
      new Compiler.Options(Map.of("gamma", "2"), TestScripts.stdlib());

  private static Compiler.Prepared prepared() {
    Compiler.Prepared p = Compiler.prepare(SCRIPT, OPTIONS);
    assertTrue(p.resolvedOnce(), "a script that resolves is resolved once, not at every point");
    return p;
  }

  private static String text(Compilation c) {
    return (c.plan().isPresent() ? PlanJson.write(c.plan().get()) : "no plan") + "\n"
        + TestScripts.show(c.diagnostics());
  }

  private static Map<String, String> point(String lr, String width, String seed) {
    return Map.of("lr", lr, "width", width, "seed", seed);
  }

  @Test
  void aPointCompilesAsTheWholeCompilerCompilesIt() {
    Compiler.Prepared p = prepared();
    for (Map<String, String> v : List.of(point("0.1", "1", "0"), point("0.2", "2", "1"),
        point("0.3", "2", "0"))) {
      Compilation whole = Compiler.compile(SCRIPT, OPTIONS.atPoint(v));
      assertTrue(whole.ok(), TestScripts.show(whole.diagnostics()));
      assertEquals(text(whole), text(p.at(v)), "at " + v);
    }
  }

  @Test
  void aFailingPointReportsWhatTheWholeCompileReportsAndLeavesTheNextPointClean() {
    Compiler.Prepared p = prepared();
    Map<String, String> zeroWidth = point("0.1", "0", "0");
    Compilation whole = Compiler.compile(SCRIPT, OPTIONS.atPoint(zeroWidth));
    assertFalse(whole.ok());
    assertEquals(text(whole), text(p.at(zeroWidth)));
    Map<String, String> malformed = point("fast", "1", "0");
    assertEquals(text(Compiler.compile(SCRIPT, OPTIONS.atPoint(malformed))), text(p.at(malformed)));
    Compilation next = p.at(point("0.1", "1", "0"));
    assertTrue(next.ok(), TestScripts.show(next.diagnostics()));
    assertTrue(next.diagnostics().isEmpty(), TestScripts.show(next.diagnostics()));
  }

  @Test
  void pointsCompileOnSeveralThreadsAtOnce() throws Exception {
    Compiler.Prepared p = prepared();
    List<Map<String, String>> points = new ArrayList<>();
    for (String lr : List.of("0.1", "0.2", "0.4")) {
      for (String w : List.of("1", "2", "0")) points.add(point(lr, w, "1"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<String>> got = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        for (Map<String, String> v : points) got.add(pool.submit(() -> text(p.at(v))));
      }
      for (int i = 0; i < got.size(); i++) {
        Map<String, String> v = points.get(i % points.size());
        assertEquals(text(Compiler.compile(SCRIPT, OPTIONS.atPoint(v))), got.get(i).get(), "at " + v);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A script that does not resolve is compiled whole at each point, reporting its errors there. */
  @Test
  void aScriptThatDoesNotResolveIsCompiledWholeAtEachPoint() {
    Source bad = Source.ofLines("bad.dyn", "param lr = 0.1", "train gd = descent(nett, teacher, lr = lr)");
    Compiler.Prepared p = Compiler.prepare(bad, OPTIONS);
    assertFalse(p.resolvedOnce());
    Map<String, String> point = Map.of("lr", "0.2");
    Compilation whole = Compiler.compile(bad, OPTIONS.atPoint(point));
    assertFalse(whole.ok());
    assertEquals(text(whole), text(p.at(point)));
    Source unparsed = Source.ofLines("bad.dyn", "param lr = (0.1");
    assertFalse(Compiler.prepare(unparsed, OPTIONS).resolvedOnce());
    assertEquals(text(Compiler.compile(unparsed, OPTIONS.atPoint(point))),
        text(Compiler.prepare(unparsed, OPTIONS).at(point)));
  }
}
