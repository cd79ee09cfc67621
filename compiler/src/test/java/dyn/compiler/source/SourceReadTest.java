package dyn.compiler.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading scripts (issue 20, item 4): a byte-order mark is skipped, non-UTF-8 bytes are located. */
class SourceReadTest {
  @TempDir Path dir;

  @Test
  void aByteOrderMarkIsNotPartOfTheText() throws IOException {
    Path f = dir.resolve("bom.dyn");
    Files.write(f, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'p', 'a', 'r', 'a', 'm'});
    assertEquals("param", Source.read(f).text());
  }

  @Test
  void latin1TextIsRefusedWithTheOffsetAndLineOfTheFirstBadByte() throws IOException {
    // "# café" in Latin-1: é is the single byte 0xE9, at offset 9 ("abc\n# caf" is 9 bytes).
    Path f = dir.resolve("latin1.dyn");
    Files.write(f, "abc\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    NotUtf8Exception e = assertThrows(NotUtf8Exception.class, () -> Source.read(f));
    assertEquals(9, e.offset());
    assertEquals("not UTF-8 text: byte 0xE9 at offset 9 (line 2) is not valid UTF-8", e.getMessage());
  }

  @Test
  void aBinaryIsRefusedAtItsFirstBadByteCountingTheMark() throws IOException {
    // An ELF header after a BOM: 0x7F 'E' 'L' 'F' are ASCII, 0x80 at offset 3 + 4 cannot start a character.
    Path f = dir.resolve("bin");
    Files.write(f, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 0x7F, 'E', 'L', 'F', (byte) 0x80, 0});
    NotUtf8Exception e = assertThrows(NotUtf8Exception.class, () -> Source.read(f));
    assertEquals(7, e.offset());
  }

  @Test
  void multiByteCharactersAreKept() throws IOException {
    Path f = dir.resolve("greek.dyn");
    Files.writeString(f, "# γ → η*\n", StandardCharsets.UTF_8);
    assertEquals("# γ → η*\n", Source.read(f).text());
  }
}
