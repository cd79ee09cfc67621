package dyn.compiler.source;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What says a file is still the one read before: its size, modification time and file key
 * (device and inode, so a file renamed over it with the same size and time differs). The
 * compiler keeps files it read under their stamp (stdlib modules, data files) and reads them
 * again once the stamp changes: a stat costs a fraction of a read.
 */
public record FileStamp(long size, FileTime modified, Object fileKey) {
  public static FileStamp of(BasicFileAttributes attrs) {
    return new FileStamp(attrs.size(), attrs.lastModifiedTime(), attrs.fileKey());
  }
}
