package dyn.compiler.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy format (versions 1.0, 2.0, 3.0): the magic {@code \x93NUMPY}, a version, a
 * little-endian header length (2 bytes in 1.0, 4 after), then a Python dict literal with
 * {@code descr}, {@code fortran_order} and {@code shape}, then the raw data. Read: little-endian
 * float64, float32, int64, int32 in C order; everything else is refused by name, since a
 * silently reinterpreted array would be a wrong study.
 */
final class NpyFile {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyFile() {}

  record Header(Shape shape, String descr, int itemSize, int dataOffset) {}

  static Header header(DataFile f) {
    DataFile.Prefix p = f.prefix(12);
    byte[] b = p.bytes();
    if (b.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(b, 6), MAGIC)) {
      throw f.bad("not a .npy file (it does not start with \\x93NUMPY)");
    }
    int major = b[6];
    if (major < 1 || major > 3) throw f.bad("unknown .npy version " + major + "." + b[7]);
    ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    long len = major == 1 ? (le.getShort(8) & 0xFFFF) : (b.length < 12 ? -1 : le.getInt(8) & 0xFFFFFFFFL);
    int start = major == 1 ? 10 : 12;
    if (len < 0 || start + len > p.fileSize() || len > 1 << 20) {
      throw f.bad("corrupt .npy header: it claims " + len + " bytes of header, the file has "
          + Math.max(0, p.fileSize() - start));
    }
    byte[] all = f.prefix(start + (int) len).bytes();
    String dict = new String(all, start, (int) len,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).trim();
    if (!dict.startsWith("{") || !dict.endsWith("}")) {
      throw f.bad("corrupt .npy header: expected a dict {…}, got `" + shorten(dict) + "`");
    }
    String descr = find(f, DESCR, dict, "descr");
    String fortran = find(f, FORTRAN, dict, "fortran_order");
    String shapeText = find(f, SHAPE, dict, "shape");
    if (fortran.equals("True")) {
      throw f.bad("stored in Fortran (column-major) order; save it in C order "
          + "(np.save(path, np.ascontiguousarray(a)))");
    }
    int item = itemSize(f, descr);
    long[] dims = dims(f, shapeText);
    Shape shape = Shape.ofDims(f.name(), dims);
    long want = shape.size() * item;
    long have = p.fileSize() - start - len;
    if (have < want) {
      throw f.bad("truncated: the header promises " + want + " bytes of data, the file has " + have);
    }
    if (have > want) {
      throw f.bad("corrupt: " + (have - want) + " bytes after the " + want + " bytes of data the header describes");
    }
    return new Header(shape, descr, item, start + (int) len);
  }

  static double[] read(DataFile f) {
    Header h = header(f);
    byte[] bytes = f.bytes();
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.position(h.dataOffset());
    double[] out = new double[(int) h.shape().size()];
    if (bytes.length - h.dataOffset() < out.length * (long) h.itemSize()) {
      throw f.bad("truncated while reading");
    }
    char kind = h.descr().charAt(1);
    for (int i = 0; i < out.length; i++) {
      if (kind == 'f') out[i] = h.itemSize() == 8 ? b.getDouble() : b.getFloat();
      else out[i] = h.itemSize() == 8 ? b.getLong() : b.getInt();
    }
    return out;
  }

  private static int itemSize(DataFile f, String descr) {
    switch (descr) {
      case "<f8": case "<i8":
        return 8;
      case "<f4": case "<i4":
        return 4;
      default:
        if (descr.startsWith(">")) {
          throw f.bad("big-endian data (" + descr + ") is not read; save it little-endian "
              + "(a.astype(a.dtype.newbyteorder('<')))");
        }
        throw f.bad("dtype " + descr + " is not read; dyn reads float64 (<f8), float32 (<f4), "
            + "int64 (<i8) and int32 (<i4)");
    }
  }

  private static long[] dims(DataFile f, String text) {
    List<Long> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String t = part.trim();
      if (t.isEmpty()) continue;
      if (t.endsWith("L")) t = t.substring(0, t.length() - 1); // Python 2 longs
      try {
        long d = Long.parseLong(t);
        if (d < 0) throw new NumberFormatException();
        out.add(d);
      } catch (NumberFormatException e) {
        throw f.bad("corrupt .npy header: the shape (" + text + ") is not a tuple of sizes");
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private static String find(DataFile f, Pattern p, String dict, String key) {
    Matcher m = p.matcher(dict);
    if (!m.find()) throw f.bad("corrupt .npy header: no valid '" + key + "' in `" + shorten(dict) + "`");
    return m.group(1);
  }

  private static String shorten(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 60 ? one : one.substring(0, 57) + "...";
  }
}
