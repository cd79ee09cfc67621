package dyn.compiler.data;

import java.nio.ByteBuffer;

/**
 * The IDX format of MNIST (yann.lecun.com/exdb/mnist): the magic number 0x00 0x00, a type byte
 * (0x08 unsigned byte, 0x09 signed byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double), the
 * number of dimensions, each dimension as a big-endian 32-bit size, then the data big-endian in
 * C order. Values are read as stored (pixels 0 … 255: divide in the body to rescale).
 */
final class IdxFile {
  private IdxFile() {}

  record Header(Shape shape, int type, int itemSize, int dataOffset) {}

  static Header header(DataFile f) {
    DataFile.Prefix p = f.prefix(4 + 4 * 255);
    byte[] b = p.bytes();
    if (b.length < 4 || b[0] != 0 || b[1] != 0 || itemSize(b[2]) == 0) {
      throw f.bad("wrong IDX magic: expected 00 00 then a type byte (08, 09, 0B, 0C, 0D or 0E), got "
          + hex(b));
    }
    int nd = b[3] & 0xFF;
    int offset = 4 + 4 * nd;
    if (b.length < offset) throw f.bad("truncated IDX header: " + nd + " dimensions need " + offset + " bytes");
    ByteBuffer be = ByteBuffer.wrap(b); // big-endian, the IDX order
    long[] dims = new long[nd];
    for (int k = 0; k < nd; k++) dims[k] = be.getInt(4 + 4 * k) & 0xFFFFFFFFL;
    Shape shape = Shape.ofDims(f.name(), dims);
    int item = itemSize(b[2]);
    long want = shape.size() * item;
    long have = p.fileSize() - offset;
    if (have < want) {
      throw f.bad("truncated: the header promises " + want + " bytes of data, the file has " + have);
    }
    if (have > want) {
      throw f.bad("corrupt: " + (have - want) + " bytes after the " + want + " bytes of data the header describes");
    }
    return new Header(shape, b[2], item, offset);
  }

  static double[] read(DataFile f) {
    Header h = header(f);
    ByteBuffer b = ByteBuffer.wrap(f.bytes());
    if (b.capacity() - h.dataOffset() < h.shape().size() * h.itemSize()) throw f.bad("truncated while reading");
    b.position(h.dataOffset());
    double[] out = new double[(int) h.shape().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (h.type()) {
        case 0x08 -> b.get() & 0xFF;
        case 0x09 -> b.get();
        case 0x0B -> b.getShort();
        case 0x0C -> b.getInt();
        case 0x0D -> b.getFloat();
        default -> b.getDouble();
      };
    }
    return out;
  }

  private static int itemSize(byte type) {
    return switch (type) {
      case 0x08, 0x09 -> 1;
      case 0x0B -> 2;
      case 0x0C, 0x0D -> 4;
      case 0x0E -> 8;
      default -> 0;
    };
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(4, b.length); i++) s.append(String.format("%02X ", b[i] & 0xFF));
    return b.length == 0 ? "an empty file" : s.toString().trim();
  }
}
