package dyn.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the dyn installation (the repository root holding {@code stdlib/}). */
final class Home {
  private Home() {}

  /**
   * The root: the {@code dyn.home} system property (set by the launcher), else {@code dyn.root}
   * (set by the test runner), else the nearest folder holding {@code stdlib/} above the working
   * directory, else the working directory.
   */
  static Path root() {
    for (String key : new String[] {"dyn.home", "dyn.root"}) {
      String v = System.getProperty(key);
      if (v != null && !v.isBlank()) return Path.of(v).toAbsolutePath().normalize();
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("stdlib"))) return p;
    }
    return cwd;
  }

  /**
   * The folder of {@code import NAME} modules, relative to the working directory when it lies
   * below it: diagnostics show a source's path as it was given, and the house style shows paths
   * relative to the working directory (`stdlib/models.dyn:6:3`, not the whole absolute path).
   */
  static Path stdlib() {
    return shown(root().resolve("stdlib"), Path.of("").toAbsolutePath());
  }

  /** {@code path} relative to {@code cwd} when below it, else as it is. */
  static Path shown(Path path, Path cwd) {
    Path abs = path.toAbsolutePath().normalize();
    return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs) : abs;
  }
}
