package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dyn.runtime.backend.cuda.CudaDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script's {@code backend} statement through {@code dyn run}: used when {@code --backend} is
 * absent; {@code --backend} wins and says so. The no-GPU cases skip where a GPU is present.
 */
class MainBackendTest {
  @TempDir Path dir;
  private String out;
  private String err;

  private int run(String... args) {
    CliRun r = CliRun.of(args);
    out = r.out();
    err = r.err();
    return r.code();
  }

  /** A script that runs in no time: one param, the given backend line. */
  private String script(String backendLine) throws IOException {
    Path p = dir.resolve("s.dyn");
    Files.writeString(p, "param a = 1\n" + backendLine + "\n");
    return p.toString();
  }

  private String outDir() {
    return dir.resolve("out").toString();
  }

  @Test
  void scriptCudaWithoutAGpuIsTheSameClearError() throws IOException {
    assumeFalse(CudaDevice.available(), "a GPU is present: `backend cuda` would run");
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("run", script("backend cuda"), "--out", outDir()));
    assertTrue(err.contains("error: the cuda backend cannot run here: "), err);
    assertTrue(err.contains("libcuda.so.1") || err.contains("GPU"), err);
    assertTrue(err.contains("`backend cuda`"), "names the statement that asked: " + err);
    assertTrue(err.contains("--backend cpu"), "says how to run anyway: " + err);
    assertFalse(err.contains("\tat "), "no stack trace: " + err);
    assertFalse(out.contains("param a"), "nothing ran: " + out);
  }

  @Test
  void scriptAutoWithNothingToTrainRunsOnTheCpuWithTheNote() throws IOException {
    assertEquals(ExitCodes.OK, run("run", script("backend auto"), "--out", outDir()));
    assertTrue(err.contains("note: backend auto: using cpu (the plan trains nothing"), err);
  }

  @Test
  void theCommandLineWinsAndSaysSo() throws IOException {
    // --backend cpu never needs a GPU, so this runs the same everywhere.
    assertEquals(ExitCodes.OK, run("run", script("backend cuda"), "--backend", "cpu", "--out", outDir()));
    assertTrue(err.contains("note: --backend cpu overrides the script's `backend cuda`"), err);
    assertFalse(err.contains("cannot run here"), "the script's cuda was never probed: " + err);
  }

  @Test
  void noOverrideNoteWhenBothAgree() throws IOException {
    assertEquals(ExitCodes.OK, run("run", script("backend cpu"), "--backend", "cpu", "--out", outDir()));
    assertFalse(err.contains("overrides"), err);
  }

  @Test
  void scriptCpuRunsOnTheCpuQuietly() throws IOException {
    assertEquals(ExitCodes.OK, run("run", script("backend cpu"), "--out", outDir()));
    assertFalse(err.contains("note:"), err);
  }

  @Test
  void planAndCheckNeverProbeTheGpu() throws IOException {
    String s = script("backend cuda");
    assertEquals(ExitCodes.OK, run("plan", s));
    assertTrue(out.contains("backend cuda"), out);
    assertEquals(ExitCodes.OK, run("check", s));
  }

  @Test
  void aMisspeltBackendIsACompileErrorWithACaret() throws IOException {
    assertEquals(ExitCodes.USAGE_OR_SCRIPT, run("check", script("backend cdua")));
    assertTrue(err.contains(":2:9: error: unknown backend `cdua`"), err);
    assertTrue(err.contains("^^^^"), err);
    assertTrue(err.contains("did you mean `cuda`?"), err);
  }
}
