package dyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM stop a run and leave the failed manifest, and no half-written file (issue
 * 20, item 3). Before, a stopped run left no manifest at all.
 */
class InterruptionTest {
  @TempDir Path dir;

  @Test
  void theHookRemovesThisProcesssTemporariesAndWritesTheManifestOnce() throws IOException {
    Path half = Files.writeString(dir.resolve(".table.csv." + ProcessHandle.current().pid() + ".123.tmp"), "half");
    Path others = Files.writeString(dir.resolve(".table.csv.1.123.tmp"), "another process's");
    Path whole = Files.writeString(dir.resolve("table.csv"), "whole");
    AtomicInteger manifests = new AtomicInteger();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Interruption stop = new Interruption(dir, () -> {
      manifests.incrementAndGet();
      return Optional.empty();
    }, new PrintStream(err, true, StandardCharsets.UTF_8));
    stop.stopped();
    stop.stopped(); // a second signal does nothing more
    stop.close();
    assertEquals(1, manifests.get());
    assertFalse(Files.exists(half));
    assertTrue(Files.exists(others) && Files.exists(whole));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: " + Interruption.FAILURE), err.toString());
  }

  @Test
  void aStoppedSweepRemovesATemporaryInAnyFolderAndSaysWhatIsKept() throws IOException {
    // A point's file half-written in a subfolder when the signal comes: the hook runs while the
    // writer is cut off, here while it is still inside its content.
    Path point = dir.resolve("sweep-s/points/3/result.json");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Interruption stop = Interruption.ofSweep(dir, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThrows(IOException.class, () -> dyn.runtime.sink.AtomicFiles.write(point, o -> {
      o.write("{\"task\": 3".getBytes(StandardCharsets.UTF_8));
      stop.stopped();
    }));
    try (var files = Files.walk(dir)) {
      assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList(), "no temporary left");
    }
    assertFalse(Files.exists(point), "and no half-written result");
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("the points that finished are kept in " + dir), err.toString());
    stop.close();
  }

  @Test
  void sigtermStopsARealRunAndLeavesTheFailedManifest() throws Exception {
    // A billion steps of gradient descent: hours of work, stopped as soon as the run starts.
    Path script = Files.writeString(dir.resolve("long.dyn"), String.join("\n",
        "import models", "import datasets",
        "data teacher = linear_teacher(d = 4, out = 1, n = 64, singular_values = [1], seed = 0)",
        "model net = two_layer(d = 4, width = 8, out = 1, scale = 1e-3, seed = 1)",
        "train gd = descent(net, teacher, lr = 1e-6, steps = 1000000000)",
        "observe loss at linear(0, 10, 11)",
        "report csv(\"loss.csv\", gd.loss)", ""));
    Path out = dir.resolve("out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
        "-Ddyn.home=" + HostileInputTest.EXAMPLES.getParent().toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), "dyn.cli.Main", "run", script.toString(), "--out", out.toString())
        .redirectError(dir.resolve("stderr").toFile()).start();
    try (BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String first = stdout.readLine();
      String stderr = read(dir.resolve("stderr"));
      assertEquals("dyn run " + script, first, () -> "stderr: " + stderr);
      p.destroy(); // SIGTERM
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("the run did not stop on SIGTERM");
      }
    }
    assertEquals(143, p.exitValue(), "128 + SIGTERM's 15");
    String manifest = Files.readString(out.resolve("manifest.json"));
    assertTrue(manifest.contains("\"status\" : \"failed\""), manifest);
    assertTrue(manifest.contains(Interruption.FAILURE), manifest);
    try (var files = Files.list(out)) {
      assertEquals(List.of("manifest.json"), files.map(f -> f.getFileName().toString()).sorted().toList(),
          "only the manifest: the report was never written, whole or in part");
    }
    assertTrue(read(dir.resolve("stderr")).contains("error: " + Interruption.FAILURE));
  }

  private static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f) : "";
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
