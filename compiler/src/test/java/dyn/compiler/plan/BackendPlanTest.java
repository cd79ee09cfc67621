package dyn.compiler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compilation;
import dyn.compiler.TestScripts;
import dyn.compiler.diag.Diagnostic;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The script's {@code backend} statement: checked by the resolver, carried by the plan. */
class BackendPlanTest {
  private static Diagnostic only(Compilation c, String code) {
    List<Diagnostic> ds = c.diagnostics();
    assertEquals(1, ds.size(), TestScripts.show(ds));
    assertEquals(code, ds.get(0).code(), TestScripts.show(ds));
    return ds.get(0);
  }

  @Test
  void everyBackendReachesThePlanAndItsListings() {
    for (String name : List.of("cpu", "cuda", "auto")) {
      Plan p = TestScripts.plan("param a = 1", "backend " + name);
      assertEquals(Optional.of(name), p.backend());
      String text = PlanPrinter.print(p);
      assertTrue(text.startsWith("plan test.dyn\nbackend " + name + "  "), text);
      assertTrue(PlanJson.write(p).contains("\"backend\": \"" + name + "\""), PlanJson.write(p));
    }
  }

  @Test
  void withoutTheStatementPlansAreUnchanged() {
    Plan p = TestScripts.plan("param a = 1");
    assertEquals(Optional.empty(), p.backend());
    assertFalse(PlanPrinter.print(p).contains("backend"), PlanPrinter.print(p));
    assertFalse(PlanJson.write(p).contains("backend"), PlanJson.write(p));
    // The old four-component constructor still builds a plan without one.
    assertEquals(Optional.empty(), new Plan("x.dyn", List.of(), List.of(), Optional.empty()).backend());
  }

  @Test
  void aMisspeltBackendIsAnErrorAtTheNameWithADidYouMean() {
    Compilation c = TestScripts.compile("param a = 1", "backend cdua");
    assertFalse(c.ok());
    Diagnostic d = only(c, "unknown-backend");
    assertEquals("unknown backend `cdua`", d.message());
    assertEquals(2, d.where().line());
    assertEquals(9, d.where().column(), "the caret is on the name, after `backend `");
    assertEquals(Optional.of("did you mean `cuda`?"), d.hint());
  }

  @Test
  void aNameFarFromAnyBackendListsThem() {
    Diagnostic d = only(TestScripts.compile("backend tensorflow"), "unknown-backend");
    assertEquals(Optional.of("the backends are cpu, cuda and auto"), d.hint());
  }

  @Test
  void atMostOneBackendStatement() {
    Compilation c = TestScripts.compile("backend cpu", "param a = 1", "backend cuda");
    assertFalse(c.ok());
    Diagnostic d = only(c, "duplicate-backend");
    assertEquals(3, d.where().line(), "reported at the second statement");
    assertEquals(1, d.related().size());
    assertEquals(1, d.related().get(0).where().line(), "and points at the first");
  }

  @Test
  void theSameNamesAsTheCommandLine() {
    assertEquals(List.of("cpu", "auto", "cuda"), Plan.BACKEND_NAMES);
  }
}
