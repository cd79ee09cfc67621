package dyn.compiler.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three readers on files this test writes byte by byte ({@link DataFiles}): values and
 * shapes read back as written, and every fault named with the file and what is wrong.
 */
class DataFileTest {
  @TempDir Path dir;

  private static DataFile npy(Path p) {
    return new DataFile(DataFile.Format.NPY, p, 0);
  }

  private static DataFile idx(Path p) {
    return new DataFile(DataFile.Format.IDX, p, 0);
  }

  private static DataFile csv(Path p, int skip) {
    return new DataFile(DataFile.Format.CSV, p, skip);
  }

  private static String fault(DataFile f) {
    return assertThrows(DataException.class, f::shape).getMessage();
  }

  @Test
  void npyFloat64MatrixReadsInCOrder() throws IOException {
    Path p = DataFiles.npy(dir.resolve("x.npy"), "2, 3", 0, 1, 2, 3, 4, 5);
    assertEquals(176, Files.size(p)); // np.save(np.arange(6.0).reshape(2, 3)) is 176 bytes too
    DataFile f = npy(p);
    assertEquals(new Shape(2, 3), f.shape());
    assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, f.read(new Shape(2, 3)));
  }

  @Test
  void npyOneDimensionalIsARowAndHigherDimensionsFlattenTheTrailingAxes() throws IOException {
    assertEquals(new Shape(1, 4), npy(DataFiles.npy(dir.resolve("y.npy"), "4,", 1, 0, 2, 1)).shape());
    double[] v = new double[2 * 2 * 3];
    assertEquals(new Shape(2, 6), npy(DataFiles.npy(dir.resolve("z.npy"), "2, 2, 3", v)).shape());
  }

  @Test
  void npyIntegerAndFloat32DtypesAndVersion2Headers() throws IOException {
    ByteBuffer i8 = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(-3).putLong(0).putLong(7);
    Path a = DataFiles.npyRaw(dir.resolve("a.npy"), 1, "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", i8.array());
    assertArrayEquals(new double[] {-3, 0, 7}, npy(a).read(new Shape(1, 3)));
    ByteBuffer i4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(5).putInt(-1);
    Path b = DataFiles.npyRaw(dir.resolve("b.npy"), 2, "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 1), }", i4.array());
    assertArrayEquals(new double[] {5, -1}, npy(b).read(new Shape(2, 1)));
    ByteBuffer f4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-2.25f);
    Path c = DataFiles.npyRaw(dir.resolve("c.npy"), 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", f4.array());
    assertArrayEquals(new double[] {0.5, -2.25}, npy(c).read(new Shape(1, 2)));
  }

  @Test
  void npyRefusesFortranOrderBigEndianAndOtherDtypesByName() throws IOException {
    Path f = DataFiles.npyRaw(dir.resolve("f.npy"), 1, "{'descr': '<f8', 'fortran_order': True, 'shape': (1, 1), }", new byte[8]);
    assertEquals(f + ": stored in Fortran (column-major) order; save it in C order "
        + "(np.save(path, np.ascontiguousarray(a)))", fault(npy(f)));
    Path b = DataFiles.npyRaw(dir.resolve("b.npy"), 1, "{'descr': '>f8', 'fortran_order': False, 'shape': (1, 1), }", new byte[8]);
    assertEquals(b + ": big-endian data (>f8) is not read; save it little-endian "
        + "(a.astype(a.dtype.newbyteorder('<')))", fault(npy(b)));
    Path u = DataFiles.npyRaw(dir.resolve("u.npy"), 1, "{'descr': '|u1', 'fortran_order': False, 'shape': (1, 1), }", new byte[1]);
    assertEquals(u + ": dtype |u1 is not read; dyn reads float64 (<f8), float32 (<f4), int64 (<i8) "
        + "and int32 (<i4)", fault(npy(u)));
  }

  @Test
  void npyCorruptHeadersAndTruncatedData() throws IOException {
    Path magic = Files.write(dir.resolve("m.npy"), "not numpy at all".getBytes());
    assertEquals(magic + ": not a .npy file (it does not start with \\x93NUMPY)", fault(npy(magic)));
    Path noShape = DataFiles.npyRaw(dir.resolve("s.npy"), 1, "{'descr': '<f8', 'fortran_order': False, }", new byte[8]);
    assertEquals(noShape + ": corrupt .npy header: no valid 'shape' in `{'descr': '<f8', "
        + "'fortran_order': False, }`", fault(npy(noShape)));
    Path whole = DataFiles.npy(dir.resolve("t.npy"), "2, 3", 0, 1, 2, 3, 4, 5);
    byte[] all = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.npy"), java.util.Arrays.copyOf(all, all.length - 8));
    assertEquals(cut + ": truncated: the header promises 48 bytes of data, the file has 40", fault(npy(cut)));
    Path headerCut = Files.write(dir.resolve("h.npy"), java.util.Arrays.copyOf(all, 40));
    assertEquals(headerCut + ": corrupt .npy header: it claims 118 bytes of header, the file has 30",
        fault(npy(headerCut)));
  }

  @Test
  void idxUnsignedBytesAsMnistStoresThem() throws IOException {
    byte[] px = new byte[2 * 2 * 3];
    for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 20); // 0 … 220: 200 and 220 are ≥ 128
    Path p = DataFiles.idx(dir.resolve("images-idx3-ubyte"), 0x08, new int[] {2, 2, 3}, px);
    assertEquals(new Shape(2, 6), idx(p).shape());
    double[] v = idx(p).read(new Shape(2, 6));
    for (int i = 0; i < v.length; i++) assertEquals(i * 20, v[i]);
    Path labels = DataFiles.idx(dir.resolve("labels-idx1-ubyte"), 0x08, new int[] {3}, new byte[] {7, 0, 9});
    assertArrayEquals(new double[] {7, 0, 9}, idx(labels).read(new Shape(1, 3)));
    ByteBuffer d = ByteBuffer.allocate(16).putDouble(1.5).putDouble(-4); // big-endian doubles
    Path dbl = DataFiles.idx(dir.resolve("d-idx1-double"), 0x0E, new int[] {2}, d.array());
    assertArrayEquals(new double[] {1.5, -4}, idx(dbl).read(new Shape(1, 2)));
  }

  @Test
  void idxWrongMagicAndTruncation() throws IOException {
    Path npyNotIdx = DataFiles.npy(dir.resolve("x.npy"), "1,", 1);
    assertEquals(npyNotIdx + ": wrong IDX magic: expected 00 00 then a type byte (08, 09, 0B, 0C, 0D "
        + "or 0E), got 93 4E 55 4D", fault(idx(npyNotIdx)));
    Path cut = DataFiles.idx(dir.resolve("cut-idx1-ubyte"), 0x08, new int[] {10}, new byte[9]);
    assertEquals(cut + ": truncated: the header promises 10 bytes of data, the file has 9", fault(idx(cut)));
  }

  @Test
  void csvRowsAreMatrixRowsAfterSkippedHeaderLines() throws IOException {
    Path p = Files.writeString(dir.resolve("x.csv"), "a,b\n1, 2\n-3.5,4e-1\n\n");
    assertEquals(new Shape(2, 2), csv(p, 1).shape());
    assertArrayEquals(new double[] {1, 2, -3.5, 0.4}, csv(p, 1).read(new Shape(2, 2)));
    assertEquals(p + ": line 1, column 1: `a` is not a number (a header line? skip it: "
        + "load_csv(\"…\", 1))", fault(csv(p, 0)));
  }

  @Test
  void csvRaggedRowsNonNumbersAndMissingFiles() throws IOException {
    Path ragged = Files.writeString(dir.resolve("r.csv"), "1,2,3\n4,5,6\n7,8\n");
    assertEquals(ragged + ": line 3 has 2 cells, but line 1 has 3 (a ragged row)", fault(csv(ragged, 0)));
    Path word = Files.writeString(dir.resolve("w.csv"), "1,2\n3,x7\n");
    assertEquals(word + ": line 2, column 2: `x7` is not a number", fault(csv(word, 0)));
    Path empty = Files.writeString(dir.resolve("e.csv"), "1,,2\n");
    assertEquals(empty + ": line 1, column 2: an empty cell", fault(csv(empty, 0)));
    Path none = dir.resolve("absent.csv");
    assertEquals(none + ": no such file", fault(csv(none, 0)));
  }

  @Test
  void aFileChangedSinceTheCheckIsRefusedWhenRead() throws IOException {
    Path p = Files.writeString(dir.resolve("x.csv"), "1,2\n3,4\n");
    Shape checked = csv(p, 0).shape();
    Files.writeString(p, "1,2\n3,4\n5,6\n");
    DataException e = assertThrows(DataException.class, () -> csv(p, 0).read(checked));
    assertEquals(p + ": is now 3 × 2, but was 2 × 2 when the script was checked", e.getMessage());
  }

  /**
   * Files already read are kept (FileCache) only while they keep their size, time and inode: a
   * rewrite of the same size, a file renamed over the old one with the old time, and a reshaped
   * file are each read again, and the reshaped one is still refused.
   */
  @Test
  void readFilesAreReReadOnceTheyChange() throws IOException {
    Path p = DataFiles.npy(dir.resolve("a.npy"), "2, 2", 1, 2, 3, 4);
    Shape checked = npy(p).shape();
    assertArrayEquals(new double[] {1, 2, 3, 4}, npy(p).read(checked));
    java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(p);

    DataFiles.npy(p, "2, 2", 5, 6, 7, 8); // same size, in place
    Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(before.toMillis() + 2000));
    assertArrayEquals(new double[] {5, 6, 7, 8}, npy(p).read(checked));

    Path other = DataFiles.npy(dir.resolve("b.npy"), "2, 2", 9, 10, 11, 12);
    Files.setLastModifiedTime(other, Files.getLastModifiedTime(p)); // same size and time, new inode
    Files.move(other, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertArrayEquals(new double[] {9, 10, 11, 12}, npy(p).read(checked));

    DataFiles.npy(p, "3, 2", 1, 2, 3, 4, 5, 6);
    DataException e = assertThrows(DataException.class, () -> npy(p).read(checked));
    assertEquals(p + ": is now 3 × 2, but was 2 × 2 when the script was checked", e.getMessage());
  }

  /** Shapes are kept under the same stamp: a changed file is measured again, a deleted one is missing. */
  @Test
  void aKnownShapeIsAskedAgainOnceTheFileChanges() throws IOException {
    Path p = Files.writeString(dir.resolve("s.csv"), "1,2\n3,4\n");
    assertEquals(new Shape(2, 2), csv(p, 0).shape());
    assertEquals(new Shape(2, 2), csv(p, 0).shape());
    assertEquals(new Shape(1, 2), csv(p, 1).shape()); // another skip is another shape
    java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(p);
    Files.writeString(p, "1,2,3,4\n"); // the same 8 bytes in size
    Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(before.toMillis() + 2000));
    assertEquals(new Shape(1, 4), csv(p, 0).shape());
    Files.delete(p);
    DataException e = assertThrows(DataException.class, () -> csv(p, 0).shape());
    assertTrue(e.getMessage().contains("s.csv"), e.getMessage());
  }
}
