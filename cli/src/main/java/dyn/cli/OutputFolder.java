package dyn.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks, before a run does any work, that its output folder ({@code --out}) can be created and
 * written: otherwise a mistyped {@code --out} is noticed only when the first report is written,
 * after the whole training.
 */
final class OutputFolder {
  private OutputFolder() {}

  /**
   * Creates {@code dir} (and its parents) if needed and writes and deletes a probe file in it.
   *
   * @return why outputs cannot go there (exists as a file, a parent is a file, permission denied,
   *     read-only file system), or empty when they can
   */
  static Optional<String> problem(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) return Optional.of("it exists and is not a folder");
    for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) return Optional.of(p + " is a file, not a folder");
      if (Files.isDirectory(p)) break;
    }
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".dyn-write-check", ".tmp");
      Files.delete(probe);
      return Optional.empty();
    } catch (AccessDeniedException e) {
      return Optional.of("permission denied" + where(e, dir));
    } catch (FileAlreadyExistsException e) {
      return Optional.of((e.getFile() == null ? "a path" : e.getFile()) + " exists and is not a folder");
    } catch (FileSystemException e) {
      String reason = e.getReason() == null ? "cannot be written" : e.getReason().toLowerCase(java.util.Locale.ROOT);
      return Optional.of(reason + where(e, dir));
    } catch (IOException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  /** " (on PATH)" when the failing path is not the folder itself (a parent, or the probe file). */
  private static String where(FileSystemException e, Path dir) {
    if (e.getFile() == null || Path.of(e.getFile()).equals(dir)) return "";
    Path failed = Path.of(e.getFile());
    return failed.getParent() != null && failed.getParent().equals(dir) ? "" : " (on " + failed + ")";
  }
}
