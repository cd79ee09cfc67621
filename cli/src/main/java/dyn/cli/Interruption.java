package dyn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code dyn run} leaves when Ctrl-C or SIGTERM stops it: the JVM runs shutdown hooks and
 * halts, so without this a stopped run left no manifest, and a report caught mid-write left its
 * temporary file. While a run is in progress a hook removes this process's temporary files from
 * the output folder (every result file is written whole, by rename, or not at all) and writes the
 * manifest with status {@code failed}. Closed when the run ends normally, which removes the hook.
 */
final class Interruption implements AutoCloseable {
  /** The failure recorded in the manifest of a stopped run. */
  static final String FAILURE = "interrupted (Ctrl-C or SIGTERM) before the run finished";

  private final Path outDir;
  /** Writes the failed manifest (the reason when it could not); null for a sweep, which has none. */
  private final Supplier<Optional<String>> writeFailedManifest;
  private final PrintStream err;
  private final Thread hook;
  private volatile boolean finished;

  /**
   * @param writeFailedManifest writes the failed manifest; the reason when it could not
   */
  Interruption(Path outDir, Supplier<Optional<String>> writeFailedManifest, PrintStream err) {
    this.outDir = outDir;
    this.writeFailedManifest = writeFailedManifest;
    this.err = err;
    this.hook = new Thread(this::stopped, "dyn-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * For a sweep: stopped, it keeps the points that finished (each result.json whole, so a rerun
   * resumes from them) and says so; its manifest is written by the gather, which never ran.
   */
  static Interruption ofSweep(Path outDir, PrintStream err) {
    return new Interruption(outDir, null, err);
  }

  /** The hook's work; also called directly by tests, which cannot send a signal in-process. */
  void stopped() {
    if (finished) return;
    finished = true;
    removeTemporaries(outDir);
    if (writeFailedManifest == null) {
      err.println("error: " + FAILURE + "; the points that finished are kept in " + outDir
          + " (each whole), and the same command resumes from them");
      err.flush();
      return;
    }
    Optional<String> notWritten = writeFailedManifest.get();
    err.println("error: " + FAILURE + (notWritten.isPresent()
        ? "; the manifest could not be written: " + notWritten.get()
        : "; wrote " + outDir.resolve(dyn.runtime.sink.Manifest.FILE) + " with status failed"));
    err.flush();
  }

  /**
   * This process's half-written files: those the atomic writer is writing now (in any folder),
   * and in the output folder any {@code .NAME.PID.NANOS.tmp} of this process.
   */
  static void removeTemporaries(Path dir) {
    dyn.runtime.sink.AtomicFiles.removeUnfinished();
    String pid = "." + ProcessHandle.current().pid() + ".";
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
      for (Path f : files) {
        if (f.getFileName().toString().contains(pid)) Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // Nothing to clean, or nothing we may clean: the manifest still records the failure.
    }
  }

  /** The run ended by itself: the hook has nothing to do. */
  @Override
  public void close() {
    finished = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already stopping; the hook sees `finished` and does nothing.
    }
  }
}
