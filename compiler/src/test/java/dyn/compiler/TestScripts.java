package dyn.compiler;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.plan.Plan;
import dyn.compiler.source.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Compiles test scripts against the checkout's stdlib. */
public final class TestScripts {
  private TestScripts() {}

  /** The checkout's stdlib folder (Surefire passes dyn.root). */
  public static Path stdlib() {
    return Path.of(System.getProperty("dyn.root", "..")).resolve("stdlib");
  }

  public static Compilation compile(Map<String, String> overrides, String... lines) {
    return Compiler.compile(Source.ofLines("test.dyn", lines),
        new Compiler.Options(overrides, stdlib()));
  }

  public static Compilation compile(String... lines) {
    return compile(Map.of(), lines);
  }

  /** The plan, failing with the diagnostics when there is none. */
  public static Plan plan(String... lines) {
    Compilation c = compile(lines);
    if (!c.ok()) throw new AssertionError("expected a plan, got:\n" + show(c.diagnostics()));
    return c.plan().get();
  }

  /** {@code file:line:col: message [help]} per diagnostic, for assertion messages. */
  public static String show(List<Diagnostic> ds) {
    return ds.stream().map(TestScripts::show).collect(Collectors.joining("\n"));
  }

  public static String show(Diagnostic d) {
    return d.where().file() + ":" + d.where().line() + ":" + d.where().column() + ": "
        + d.message() + d.hint().map(h -> " [" + h + "]").orElse("");
  }
}
