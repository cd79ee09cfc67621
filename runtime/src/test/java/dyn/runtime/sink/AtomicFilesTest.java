package dyn.runtime.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void writesTheFileAndLeavesNoTemporary() throws IOException {
    Path target = dir.resolve("a.csv");
    AtomicFiles.writeString(target, "one\n");
    AtomicFiles.writeString(target, "two\n");
    assertEquals("two\n", Files.readString(target));
    assertEquals(List.of("a.csv"), names());
  }

  @Test
  void createsMissingFolders() throws IOException {
    Path target = dir.resolve("sub/deeper/b.json");
    AtomicFiles.writeString(target, "{}");
    assertEquals("{}", Files.readString(target));
  }

  @Test
  void folderMakesANewFolderKeepsAnOldOneAndRefusesAFile() throws IOException {
    Path fresh = dir.resolve("points/7");
    AtomicFiles.folder(fresh); // its parent is missing too
    assertTrue(Files.isDirectory(fresh));
    Files.writeString(fresh.resolve("kept.txt"), "x");
    AtomicFiles.folder(fresh);
    assertEquals("x", Files.readString(fresh.resolve("kept.txt")));
    Path file = Files.writeString(dir.resolve("plain"), "y");
    assertThrows(IOException.class, () -> AtomicFiles.folder(file));
  }

  @Test
  void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
    Path target = dir.resolve("a.csv");
    AtomicFiles.writeString(target, "complete\n");
    assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
      out.write("half".getBytes());
      throw new IOException("disk full");
    }));
    assertEquals("complete\n", Files.readString(target));
    assertEquals(List.of("a.csv"), names());
  }

  @Test
  void resultFilesAreReadableByOthersAsWithAnyWrite() throws IOException {
    Path plain = dir.resolve("plain.txt");
    Files.writeString(plain, "x");
    Path atomic = dir.resolve("atomic.txt");
    AtomicFiles.writeString(atomic, "x");
    org.junit.jupiter.api.Assertions.assertEquals(
        java.nio.file.Files.getPosixFilePermissions(plain),
        java.nio.file.Files.getPosixFilePermissions(atomic));
  }
}
