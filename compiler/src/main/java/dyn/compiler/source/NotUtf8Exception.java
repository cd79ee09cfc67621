package dyn.compiler.source;

import java.io.IOException;
import java.util.Locale;

/** A script file whose bytes are not UTF-8 text (a binary, or a file saved in Latin-1). */
public final class NotUtf8Exception extends IOException {
  private final long offset;

  NotUtf8Exception(long offset, int badByte, int line) {
    super(String.format(Locale.ROOT,
        "not UTF-8 text: byte 0x%02X at offset %d (line %d) is not valid UTF-8", badByte & 0xFF, offset, line));
    this.offset = offset;
  }

  /** The offset of the first byte that is not valid UTF-8, counted from 0 at the file's start. */
  public long offset() {
    return offset;
  }
}
