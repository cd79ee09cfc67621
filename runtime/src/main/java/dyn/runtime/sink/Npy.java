package dyn.runtime.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's array file format, version 1.0 (numpy/lib/format.py): the magic {@code \x93NUMPY},
 * the version bytes 1 0, a little-endian uint16 header length, then an ASCII dict
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (r, c), }} padded with spaces and a
 * final newline so the data starts at a multiple of 64 bytes, then the values as little-endian
 * float64 in C (row-major) order. An {@code .npz} is a zip of such files, one per array, each
 * named {@code KEY.npy}; {@code numpy.load} returns them by KEY.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final int ALIGN = 64;

  private Npy() {}

  /** Writes one float64 array of the given shape (row-major values) as a .npy file. */
  public static void write(OutputStream out, int[] shape, double[] values) throws IOException {
    long count = 1;
    for (int s : shape) count *= s;
    if (count != values.length) {
      throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " holds "
          + count + " values, not " + values.length);
    }
    out.write(header(shape));
    ByteBuffer b = ByteBuffer.allocate(8 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      if (!b.hasRemaining()) {
        out.write(b.array(), 0, b.position());
        b.clear();
      }
      b.putDouble(v);
    }
    out.write(b.array(), 0, b.position());
  }

  /** The magic, version, length and padded dict: a multiple of 64 bytes. */
  static byte[] header(int[] shape) {
    StringBuilder dims = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) dims.append(", ");
      dims.append(shape[i]);
    }
    // A 1-tuple needs its comma in Python: (3,) not (3).
    if (shape.length == 1) dims.append(',');
    dims.append(')');
    String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + dims + ", }";
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    int pad = (ALIGN - unpadded % ALIGN) % ALIGN;
    String text = dict + " ".repeat(pad) + "\n";
    byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer h = ByteBuffer.allocate(MAGIC.length + 2 + ascii.length).order(ByteOrder.LITTLE_ENDIAN);
    h.put(MAGIC).putShort((short) ascii.length).put(ascii);
    return h.array();
  }

  /** An .npz archive being written: add arrays by key, then {@link #finish()}. */
  public static final class Archive {
    private final ZipOutputStream zip;

    /** Starts an archive on out; {@link #finish()} completes it without closing out. */
    public Archive(OutputStream out) {
      this.zip = new ZipOutputStream(out);
    }

    /** Adds the array {@code key} ({@code KEY.npy} in the zip). */
    public void add(String key, int[] shape, double[] values) throws IOException {
      zip.putNextEntry(new ZipEntry(key + ".npy"));
      write(zip, shape, values);
      zip.closeEntry();
    }

    /** Writes the zip's central directory. */
    public void finish() throws IOException {
      zip.finish();
    }
  }
}
