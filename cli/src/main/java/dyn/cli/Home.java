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

  /** The folder of {@code import NAME} modules. */
  static Path stdlib() {
    return root().resolve("stdlib");
  }
}
