package dyn.runtime.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Atomic file output: write to a temporary file in the target's folder, then rename it over the
 * target. A reader sees the old file or the whole new one, and a failed write leaves no
 * half-written file and no temporary behind.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * The temporaries being written now, in any folder: what a stopped process must remove (a
   * shutdown hook runs while writers are cut off mid-file). Scanning the output folder missed
   * subfolders: a sweep's points and reports named {@code sub/x.csv}.
   */
  private static final java.util.Set<Path> UNFINISHED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Deletes every temporary this process has not finished writing; for a shutdown hook. */
  public static void removeUnfinished() {
    for (Path p : UNFINISHED) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // Nothing we may delete: the run's failure is recorded all the same.
      }
    }
  }

  /** What writes the content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes text as UTF-8, atomically. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes the content to target atomically, creating the folder if needed. */
  public static void write(Path target, Content content) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Temp temp;
    try {
      temp = createTemp(dir, abs.getFileName().toString());
    } catch (NoSuchFileException e) {
      // The folder is made only when missing: a sweep writes three files per point into folders
      // that mostly exist, and each mkdir-and-stat is a pair of system calls.
      Files.createDirectories(dir);
      temp = createTemp(dir, abs.getFileName().toString());
    }
    try {
      try (OutputStream out = temp.out()) {
        content.writeTo(out);
      }
      try {
        Files.move(temp.path(), abs, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // Same folder, so this is rare (some network file systems); a plain rename is the best left.
        Files.move(temp.path(), abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException | Error e) {
      Files.deleteIfExists(temp.path());
      throw e;
    } finally {
      UNFINISHED.remove(temp.path());
    }
  }

  /**
   * Makes sure a folder exists, without an exception on the way: a writer that knows its folder
   * is new (a sweep point's) calls this first, since {@link #write} finds a missing folder by the
   * failed open's {@code NoSuchFileException}, and building that exception cost a point up to
   * 2 ms while the JIT was still cold (eta_gamma: ~0.1 s of each 64-point batch).
   */
  public static void folder(Path dir) throws IOException {
    if (!dir.toFile().mkdir() && !Files.isDirectory(dir)) Files.createDirectories(dir);
  }

  /** A new temporary file and the stream that writes it. */
  private record Temp(Path path, OutputStream out) {}

  /**
   * A new empty file beside the target, opened once (created and opened by one call). Not {@code
   * Files.createTempFile}: that makes the file owner-only (rw-------), and the rename would carry
   * those permissions to a result file that collaborators are meant to read; a plain create
   * honours the user's umask like any other write.
   */
  private static Temp createTemp(Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path temp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
      // Known before it exists, so a stop between creating and writing it removes it too.
      UNFINISHED.add(temp);
      try {
        return new Temp(temp, Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE));
      } catch (FileAlreadyExistsException e) {
        UNFINISHED.remove(temp);
        if (attempt > 100) throw e;
      } catch (IOException | RuntimeException e) {
        UNFINISHED.remove(temp);
        throw e;
      }
    }
  }
}
