package dyn.runtime.sweep;

import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.Graph;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * The data files a plan loads, each with a SHA-256 of its bytes, for a sweep's {@link SweepKey}:
 * a point computed from other data is stale. File names come from the script's text, never from
 * a swept number, so the sweep's base plan names them all.
 */
public final class DataDigests {
  private DataDigests() {}

  /** One line per file, {@code path sha256}, sorted by path; empty when the plan loads none. */
  public static String of(Plan plan) throws IOException {
    TreeSet<Path> files = new TreeSet<>();
    for (Step s : plan.steps()) {
      if (!(s instanceof DataStep d)) continue;
      for (Graph.Node node : d.graph().nodes()) {
        if (node.op() instanceof Op.Load load) files.add(load.file().path().toAbsolutePath().normalize());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (Path f : files) sb.append(f).append(' ').append(sha256(f)).append('\n');
    return sb.toString();
  }

  private static String sha256(Path f) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
