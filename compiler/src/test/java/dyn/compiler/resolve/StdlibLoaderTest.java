package dyn.compiler.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.source.Source;
import dyn.compiler.source.Span;
import dyn.compiler.syntax.Ident;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Modules are read once per process but again as soon as their file changes (a REPL edit). */
class StdlibLoaderTest {
  @TempDir Path dir;

  private Unit load(String name) {
    Diagnostics at = new Diagnostics(Source.ofLines("main.dyn", "import " + name));
    return new StdlibLoader(dir).load(new Ident(new Span(7, 7 + name.length()), name), at)
        .orElseThrow();
  }

  @Test
  void anEditedModuleIsReadAgain() throws IOException {
    Path file = Files.writeString(dir.resolve("mine.dyn"), "param a = 1\n");
    assertEquals("param a = 1\n", load("mine").source().text());
    assertTrue(load("mine").source() == load("mine").source(), "unchanged: the same text object");
    FileTime before = Files.getLastModifiedTime(file);
    Files.writeString(file, "param a = 2\n"); // same size
    Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2000));
    assertEquals("param a = 2\n", load("mine").source().text());
  }
}
