package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.Compiler;
import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.ModelSpec;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.TrainStep;
import dyn.compiler.source.Source;
import dyn.runtime.data.Dataset;
import dyn.runtime.dynamics.TrainingFailure;
import dyn.runtime.dynamics.Trajectory;
import dyn.runtime.exec.Backends;
import dyn.runtime.exec.Engine;
import dyn.runtime.model.Parameters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's points train on the backend the run chose (`--backend`, or the script's `backend`
 * statement), one point at a time where that backend runs one train at a time, and each point's
 * manifest names it. Before, a sweep ran on the CPU whatever was asked, without a word. The
 * backend here is a stand-in engine that counts its trains (the CPU numerics underneath), so the
 * test runs without a GPU; tools/gpu/ checks the real one.
 */
class SweepBackendTest {
  @TempDir Path dir;

  @Test
  void everyPointTrainsOnTheChosenEngine() throws Exception {
    Path script = Files.writeString(dir.resolve("sweep.dyn"), String.join("\n",
        "import models", "import datasets",
        "param lr = 0.05",
        "data teacher = linear_teacher(d = 4, out = 1, n = 32, singular_values = [1], seed = 0)",
        "model net = two_layer(d = 4, width = 8, out = 1, scale = 0.1, seed = 1)",
        "train gd = descent(net, teacher, lr = lr, steps = 50)",
        "observe loss at linear(0, 50 * lr, 2)",
        "sweep s = grid(lr = [0.01, 0.02, 0.05]) {",
        "  final_loss = final(gd.loss)",
        "}", ""));
    AtomicInteger trains = new AtomicInteger();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    Engine counting = new Engine() {
      @Override
      public Dataset generate(DataStep step) {
        return Engine.CPU.generate(step);
      }

      @Override
      public Parameters draw(ModelStep step, Dataset alignedTo) {
        return Engine.CPU.draw(step, alignedTo);
      }

      @Override
      public Trajectory train(TrainStep step, ModelSpec model, Parameters theta0, Dataset data)
          throws TrainingFailure {
        mostAtOnce.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        try {
          trains.incrementAndGet();
          return Engine.CPU.train(step, model, theta0, data);
        } finally {
          concurrent.decrementAndGet();
        }
      }
    };
    Backends.Choice device = new Backends.Choice("device", "a stand-in device", null, counting, 1);
    Path out = dir.resolve("out");
    Invocation inv = Invocation.parse("run", new String[] {script.toString(), "--out", out.toString(),
        "--jobs", "2"});
    Plan plan = Compiler.compile(Source.read(script), new Compiler.Options(java.util.Map.of(), Home.stdlib()))
        .plan().orElseThrow();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = SweepCommand.run(inv, plan, device, new PrintStream(new ByteArrayOutputStream()),
        errStream, new DiagnosticPrinter(errStream, false, false), false);
    String log = err.toString(StandardCharsets.UTF_8);
    assertEquals(ExitCodes.OK, code, log);
    assertEquals(3, trains.get(), "every point trained on the chosen engine");
    assertEquals(1, mostAtOnce.get(), "one point at a time");
    assertTrue(log.contains("note: backend device runs 1 point at a time; --jobs 2 is not used"), log);
    assertEquals(2, Backends.select("cpu", null).pointsAtOnce(2), "the CPU runs the points --jobs asks for");
    try (Stream<Path> files = Files.walk(out)) {
      List<Path> manifests = files.filter(f -> f.getFileName().toString().equals("manifest.json")
          && f.getParent().getParent().getFileName().toString().equals("points")).toList();
      assertEquals(3, manifests.size(), manifests.toString());
      for (Path m : manifests) {
        assertTrue(Files.readString(m).contains("\"backend\" : \"device\""), Files.readString(m));
      }
    }
  }
}
