package dyn.compiler.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One data file of a dataset body: its format, where it is, and (CSV) how many header lines to
 * skip. {@link #shape} is what the checker asks (cheap for .npy and IDX: the header and the file
 * size; a CSV is read whole, since only its cells say its shape); {@link #read} is what the
 * runtime asks, and re-checks the shape, so a file replaced between check and run is an error,
 * not a silently different study.
 */
public record DataFile(Format format, Path path, int skipLines) {
  /** The formats, by the primitive that loads them. */
  public enum Format {
    CSV("load_csv"),
    NPY("load_npy"),
    IDX("load_idx");

    private final String primitive;

    Format(String primitive) {
      this.primitive = primitive;
    }

    public String primitive() {
      return primitive;
    }

    /** The format loaded by a primitive name, or null. */
    public static Format ofPrimitive(String name) {
      for (Format f : values()) if (f.primitive.equals(name)) return f;
      return null;
    }
  }

  /** The file's matrix shape; throws {@link DataException} naming the file and the fault. */
  public Shape shape() {
    // Kept under the file's stamp: a sweep's points ask it at every compile and run (a CSV's
    // shape is a parse of the whole file); a file replaced since misses and is read again.
    BasicFileAttributes now = attributes();
    Shape known = FileCache.shape(this, now);
    if (known != null) return known;
    Shape s = switch (format) {
      case CSV -> CsvFile.parse(this).shape();
      case NPY -> NpyFile.header(this).shape();
      case IDX -> IdxFile.header(this).shape();
    };
    FileCache.putShape(this, now, s);
    return s;
  }

  /** The file's stamp as of now, which the caches compare with the one they keep. */
  private BasicFileAttributes attributes() {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** The values, row-major; throws {@link DataException} when the file is not {@code expected}. */
  public double[] read(Shape expected) {
    Shape now = shape();
    if (!now.equals(expected)) {
      throw new DataException(name() + ": is now " + now.rows() + " × " + now.cols()
          + ", but was " + expected.rows() + " × " + expected.cols() + " when the script was checked");
    }
    return switch (format) {
      case CSV -> CsvFile.parse(this).values();
      case NPY -> NpyFile.read(this);
      case IDX -> IdxFile.read(this);
    };
  }

  /** The file as messages name it: the path relative to where dyn runs, as resolved. */
  public String name() {
    return path.toString();
  }

  /** The whole file; a missing or unreadable one is a {@link DataException}. */
  byte[] bytes() {
    BasicFileAttributes now = attributes();
    byte[] cached = FileCache.get(path, now);
    if (cached != null) return cached;
    byte[] all;
    try {
      all = Files.readAllBytes(path);
    } catch (IOException | OutOfMemoryError e) {
      throw unreadable(e);
    }
    FileCache.put(path, now, all);
    return all;
  }

  /** The first {@code n} bytes (fewer when the file is shorter) and the file's size. */
  Prefix prefix(int n) {
    byte[] cached = FileCache.get(path, attributes());
    if (cached != null) {
      return new Prefix(java.util.Arrays.copyOf(cached, Math.min(n, cached.length)), cached.length);
    }
    try (SeekableByteChannel ch = Files.newByteChannel(path)) {
      ByteBuffer b = ByteBuffer.allocate((int) Math.min(n, ch.size()));
      while (b.hasRemaining() && ch.read(b) > 0) {}
      return new Prefix(java.util.Arrays.copyOf(b.array(), b.position()), ch.size());
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** A failed read as the checker reports it: a missing file, or why it cannot be read. */
  private DataException unreadable(Throwable e) {
    return e instanceof NoSuchFileException ? missing()
        : new DataException(name() + ": cannot be read (" + e.getMessage() + ")");
  }

  record Prefix(byte[] bytes, long fileSize) {}

  private DataException missing() {
    return new DataException(name() + ": no such file");
  }

  DataException bad(String what) {
    return new DataException(name() + ": " + what);
  }
}
