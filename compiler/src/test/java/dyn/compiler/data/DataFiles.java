package dyn.compiler.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writers for the test files, byte by byte as the formats specify them. {@link #npy} writes what
 * numpy 1.x/2.x np.save writes for a C-order array: the header dict padded with spaces to a
 * multiple of 64 bytes and ended by a newline (checked once against np.save's bytes for a
 * 2×3 float64 array: identical).
 */
public final class DataFiles {
  private DataFiles() {}

  /** A .npy file, version {@code major}, with the given dict text and raw data bytes. */
  public static Path npyRaw(Path file, int major, String dict, byte[] data) throws IOException {
    int pre = major == 1 ? 10 : 12;
    StringBuilder h = new StringBuilder(dict);
    while ((pre + h.length() + 1) % 64 != 0) h.append(' ');
    h.append('\n');
    byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
    if (major == 1) len.putShort((short) head.length);
    else len.putInt(head.length);
    out.write(len.array());
    out.write(head);
    out.write(data);
    Files.write(file, out.toByteArray());
    return file;
  }

  /** A float64 C-order .npy of the given shape text ({@code "2, 3"}, {@code "4,"}). */
  public static Path npy(Path file, String shape, double... values) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) b.putDouble(v);
    return npyRaw(file, 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (" + shape + "), }",
        b.array());
  }

  /** An IDX file: magic 00 00 type ndims, big-endian dims, then {@code data} as given. */
  public static Path idx(Path file, int type, int[] dims, byte[] data) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int d : dims) b.putInt(d);
    b.put(data);
    Files.write(file, b.array());
    return file;
  }
}
