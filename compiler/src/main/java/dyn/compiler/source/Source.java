package dyn.compiler.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A script's text and the path it is shown under in diagnostics.
 *
 * @param path the path as the user gave it (shown verbatim in {@code file:line:col})
 * @param text the whole text
 */
public record Source(String path, String text) {
  /** Reads a file as UTF-8. */
  public static Source read(Path file) throws IOException {
    return new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /** A source made of lines, for tests. */
  public static Source ofLines(String path, String... lines) {
    return new Source(path, String.join("\n", lines) + "\n");
  }
}
