package dyn.runtime.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The .npy/.npz writer against the format's specification (numpy/lib/format.py, version 1.0),
 * read back by a small reader written here from that specification. The end-to-end check with
 * numpy itself is {@code dyn.cli.ParamsExportTest}.
 */
class NpyTest {
  /** One array read back: the header dict text and the values. */
  record Read(String dict, double[] values) {}

  /** Reads a version-1.0 .npy from the spec: magic, version, uint16 LE length, dict, data. */
  static Read read(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[6];
    b.get(magic);
    assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, magic);
    assertEquals(1, b.get());
    assertEquals(0, b.get());
    int len = Short.toUnsignedInt(b.getShort());
    byte[] dict = new byte[len];
    b.get(dict);
    // The data must start 64-byte aligned and the header must end in a newline.
    assertEquals(0, (10 + len) % 64);
    assertEquals('\n', dict[len - 1]);
    double[] v = new double[b.remaining() / 8];
    assertEquals(0, b.remaining() % 8);
    for (int i = 0; i < v.length; i++) v[i] = b.getDouble();
    return new Read(new String(dict, StandardCharsets.US_ASCII).trim(), v);
  }

  private static byte[] npy(int[] shape, double[] values) throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    Npy.write(o, shape, values);
    return o.toByteArray();
  }

  @Test
  void aMatrixIsLittleEndianFloat64InRowMajorOrder() throws IOException {
    double[] v = {1.0, -2.5, Math.PI, 1e-300, Double.MIN_VALUE, -0.0};
    Read r = read(npy(new int[] {2, 3}, v));
    assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", r.dict());
    assertArrayEquals(v, r.values());
    // Byte 0 of the data is the low byte of 1.0 = 0x3FF0000000000000 (little-endian: last is 0x3F).
    byte[] f = npy(new int[] {1, 1}, new double[] {1.0});
    assertEquals(0x3F, f[f.length - 1]);
    assertEquals(0, f[f.length - 8]);
  }

  @Test
  void aVectorsShapeIsAOneTuple() throws IOException {
    assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
        read(npy(new int[] {3}, new double[] {1, 2, 3})).dict());
  }

  @Test
  void theShapeMustHoldTheValues() {
    assertThrows(IllegalArgumentException.class, () -> npy(new int[] {2, 2}, new double[3]));
  }

  @Test
  void anArchiveHoldsOneNpyPerKey() throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    Npy.Archive a = new Npy.Archive(o);
    a.add("init/W1", new int[] {2, 1}, new double[] {0.5, -0.25});
    a.add("t", new int[] {2}, new double[] {0, 8});
    a.finish();
    Map<String, Read> entries = new LinkedHashMap<>();
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(o.toByteArray()))) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; ) entries.put(e.getName(), read(z.readAllBytes()));
    }
    assertEquals(java.util.List.of("init/W1.npy", "t.npy"), java.util.List.copyOf(entries.keySet()));
    assertTrue(Arrays.equals(new double[] {0.5, -0.25}, entries.get("init/W1.npy").values()));
    assertTrue(entries.get("t.npy").dict().contains("'shape': (2,)"));
  }
}
