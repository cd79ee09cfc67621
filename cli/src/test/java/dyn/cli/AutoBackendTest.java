package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dyn.compiler.Compiler;
import dyn.compiler.source.Source;
import dyn.compiler.plan.Plan;
import dyn.runtime.backend.cuda.CudaDevice;
import dyn.runtime.exec.Backends;
import dyn.runtime.exec.TrainWork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backend auto} weighs the plan's trainings: below {@link TrainWork#GPU_PAYS}
 * multiply–adds per forward pass it takes the CPU without probing for a GPU (which was 0.58× the
 * CPU there on the H200); above, the GPU when one is usable. The counts are worked by hand from
 * each script's shapes.
 */
class AutoBackendTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  @TempDir Path dir;

  private static Plan plan(String file, String... overrides) throws Exception {
    Map<String, String> o = new java.util.LinkedHashMap<>();
    for (String kv : overrides) o.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    return Compiler.compile(Source.read(ROOT.resolve(file)), new Compiler.Options(o, ROOT.resolve("stdlib")))
        .plan().orElseThrow();
  }

  @Test
  void countsTheForwardProductsOfTheLargestTrain() throws Exception {
    // two_layer, out = d: W1 (width×d) @ x (d×n), then W2 (d×width) @ h (width×n): 2·d·width·n.
    assertEquals(2L * 20 * 64 * 512, TrainWork.largest(plan("bench/two_layer_gd.dyn")));
    assertEquals(2L * 256 * 1024 * 2048, TrainWork.largest(plan("bench/two_layer_gd.dyn", "d=256", "width=1024", "n=2048")));
    // saddle_linear: d = out = 6, width 8, n = 200, two trains of the same size.
    assertEquals(2L * 6 * 8 * 200, TrainWork.largest(plan("examples/saddle_linear.dyn")));
  }

  @Test
  void aMinibatchCountsItsBatchNotTheWholeData() throws Exception {
    Path s = dir.resolve("sgd.dyn");
    Files.writeString(s, String.join("\n",
        "import models",
        "dataset task(d, n) {",
        "  x = normal(d, n)",
        "  y = normal(1, d) @ x",
        "}",
        "data t = task(d = 10, n = 1000)",
        "model net = two_layer(d = 10, width = 30, out = 1, act = relu, scale = 1, seed = 1)",
        "train s = sgd(net, t, lr = 0.01, steps = 10, batch = 50)",
        "observe loss at linear(0, 0.1, 2)", ""));
    Plan p = Compiler.compile(Source.read(s), new Compiler.Options(Map.of(), ROOT.resolve("stdlib"))).plan().orElseThrow();
    assertEquals(30L * 10 * 50 + 1L * 30 * 50, TrainWork.largest(p));
  }

  @Test
  void smallStudiesStayOnTheCpuWithoutProbingForAGpu() throws Exception {
    Backends.Choice c = Backends.select("auto", plan("bench/two_layer_gd.dyn"));
    assertEquals("cpu", c.name());
    assertEquals("backend auto: using cpu (the largest training does 1.3M multiply–adds per forward pass;"
        + " a GPU is faster from 4.2M; --backend cuda uses one anyway)", c.note());
  }

  @Test
  void aPlanThatTrainsNothingStaysOnTheCpu() throws Exception {
    Backends.Choice c = Backends.select("auto", plan("examples/kernel_risk.dyn"));
    assertEquals("cpu", c.name());
    assertTrue(c.note().contains("the plan trains nothing"), c.note());
  }

  @Test
  void aLargeStudyWithoutAGpuSaysWhy() throws Exception {
    assumeFalse(CudaDevice.available(), "a GPU is present: auto picks cuda");
    Backends.Choice c = Backends.select("auto", plan("bench/two_layer_gd.dyn", "d=256", "width=1024", "n=2048"));
    assertEquals("cpu", c.name());
    assertTrue(c.note().startsWith("backend auto: using cpu (no usable GPU: "), c.note());
  }

  @Test
  void aLargeStudyWithAGpuTakesIt() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(CudaDevice.available(), "no GPU: auto → cuda is not checked here");
    Backends.Choice c = Backends.select("auto", plan("bench/two_layer_gd.dyn", "d=256", "width=1024", "n=2048"));
    assertEquals("cuda", c.name());
    assertEquals(1, c.threads());
    assertTrue(c.note().startsWith("backend auto: using cuda ("), c.note());
    assertTrue(c.note().endsWith("; the largest training does 1073.7M multiply–adds per forward pass)"), c.note());
  }

  @Test
  void dynRunSaysWhatAutoChose() {
    CliRun r = CliRun.of("run", ROOT.resolve("bench/two_layer_gd.dyn").toString(), "steps=10", "--backend", "auto",
        "--out", dir.resolve("out").toString());
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(r.err().contains("note: backend auto: using cpu (the largest training does 1.3M"), r.err());
    assertFalse(r.err().contains("no usable GPU"), "no GPU probe for a small study: " + r.err());
  }
}
