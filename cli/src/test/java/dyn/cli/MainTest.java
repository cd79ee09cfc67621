package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dyn.runtime.backend.cuda.CudaDevice;
import org.junit.jupiter.api.Test;

/** The command line itself: dispatch, usage errors and their exit codes. */
class MainTest {
  private String out;
  private String err;

  private int run(String... args) {
    CliRun r = CliRun.of(args);
    out = r.out();
    err = r.err();
    return r.code();
  }

  @Test
  void helpGoesToStdoutAndSucceeds() {
    assertEquals(ExitCodes.OK, run("--help"));
    assertTrue(out.contains("run") && out.contains("check") && out.contains("plan"), out);
    assertEquals(ExitCodes.OK, run("plan", "--help"));
    assertTrue(out.contains("--json"), out);
    assertFalse(out.contains("--backend"), "plan has no --backend option");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run());
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("fly", "a.dyn"));
    assertTrue(err.contains("unknown command `fly`"), err);
    // A misspelt command or option names the closest one.
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("chek", "a.dyn"));
    assertTrue(err.contains("unknown command `chek` (expected run, check, plan, sweep, repl, gather, lsp); did you mean `check`?"), err);
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("run", "a.dyn", "--backnd", "cpu"));
    assertTrue(err.contains("unknown option `--backnd` for `dyn run` (did you mean `--backend`?)"), err);
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("run"));
    assertTrue(err.contains("no script given"), err);
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("run", "a.dyn", "b.dyn"));
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("run", "a.dyn", "alpha=1", "alpha=2"));
    assertTrue(err.contains("`alpha` is given twice"), err);
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("run", "a.dyn", "--nonsense"));
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("check", "a.dyn", "--json"));
  }

  @Test
  void unknownBackendIsAUsageError() {
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("run", "missing.dyn", "--backend", "tpu"));
    assertTrue(err.contains("unknown backend `tpu`"), err);
  }

  @Test
  void cudaWithoutAGpuIsAClearErrorAndNeedsNoScript() {
    assumeFalse(CudaDevice.available(), "a GPU is present: the no-GPU error cannot be checked here");
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("run", "missing.dyn", "--backend", "cuda"));
    assertTrue(err.contains("error: the cuda backend cannot run here: "), err);
    // This machine kind has no NVIDIA driver: the error names the missing library.
    assertTrue(err.contains("libcuda.so.1") || err.contains("GPU"), err);
    assertTrue(err.contains("help: use --backend cpu"), err);
    assertFalse(err.contains("\tat "), "no stack trace: " + err);
    assertFalse(err.contains("cannot read missing.dyn"), "checked before the script is read: " + err);
  }

  @Test
  void autoIsDecidedOnlyOnceTheScriptCompiled() {
    // auto weighs the plan's trainings (AutoBackendTest), so a script that cannot be read gets
    // its error and no backend note.
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("run", "missing.dyn", "--backend", "auto"));
    assertFalse(err.contains("backend auto"), err);
    assertTrue(err.contains("cannot read missing.dyn: no such file"), err);
  }

  @Test
  void noJavaStackTraceWithoutDebug() {
    run("run", "missing.dyn");
    assertFalse(err.contains("\tat "), err);
  }
}
