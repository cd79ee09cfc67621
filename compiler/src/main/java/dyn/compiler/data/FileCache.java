package dyn.compiler.data;

import dyn.compiler.source.FileStamp;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes of data files already read in this process, each under the {@link FileStamp} it had
 * then; callers must not modify the arrays it returns. A sweep compiles and runs its script once
 * per point, and every point asked the disk for each data file up to four times (the checker's
 * shape, the runtime's re-check and read); a stat costs a fraction of opening and reading (on
 * the benchmark VM ~0.1 ms a read). A file replaced since
 * (another size, time or inode) misses and is read again, so the runtime's "replaced between
 * check and run" error still fires. Bounded: files up to {@link #MAX_FILE} bytes,
 * {@link #MAX_TOTAL} in all, the least recently used dropped first.
 */
final class FileCache {
  static final long MAX_FILE = 16L << 20;
  static final long MAX_TOTAL = 64L << 20;

  private record Entry(FileStamp stamp, byte[] bytes) {}

  private static final Map<Path, Entry> CACHE = new LinkedHashMap<>(16, 0.75f, true);
  private static long total;

  private FileCache() {}

  /** The cached bytes of {@code path} if it still has the stamp {@code now} gives. */
  static synchronized byte[] get(Path path, BasicFileAttributes now) {
    Entry e = CACHE.get(path.toAbsolutePath());
    return e != null && e.stamp.equals(FileStamp.of(now)) ? e.bytes : null;
  }

  /** Keeps {@code bytes}, read when the file had the attributes {@code then}. */
  static synchronized void put(Path path, BasicFileAttributes then, byte[] bytes) {
    if (bytes.length > MAX_FILE || bytes.length != then.size()) return;
    Entry old = CACHE.put(path.toAbsolutePath(), new Entry(FileStamp.of(then), bytes));
    if (old != null) total -= old.bytes.length;
    total += bytes.length;
    Iterator<Entry> it = CACHE.values().iterator();
    while (total > MAX_TOTAL && it.hasNext()) {
      total -= it.next().bytes.length;
      it.remove();
    }
  }

  private record Known(FileStamp stamp, Shape shape) {}

  /** Shapes already read, by file (absolute path, format, skipped lines); bounded, LRU. */
  private static final Map<DataFile, Known> SHAPES = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<DataFile, Known> eldest) {
      return size() > 256;
    }
  };

  private static DataFile key(DataFile f) {
    return new DataFile(f.format(), f.path().toAbsolutePath(), f.skipLines());
  }

  /** The shape of {@code f} read when it had the stamp {@code now} gives, or null. */
  static synchronized Shape shape(DataFile f, BasicFileAttributes now) {
    Known k = SHAPES.get(key(f));
    return k != null && k.stamp.equals(FileStamp.of(now)) ? k.shape : null;
  }

  /** Keeps the shape of {@code f}, read when the file had the attributes {@code then}. */
  static synchronized void putShape(DataFile f, BasicFileAttributes then, Shape shape) {
    SHAPES.put(key(f), new Known(FileStamp.of(then), shape));
  }
}
