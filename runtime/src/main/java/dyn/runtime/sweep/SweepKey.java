package dyn.runtime.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of a point's result: a hash of everything that decides it (the script text, the
 * stdlib text, the command-line overrides and the point's values). A result.json with another
 * key is stale (the script changed since) and is recomputed.
 */
public final class SweepKey {
  private final String base;

  /**
   * @param scriptText the script's source text
   * @param stdlibText the text of the stdlib modules, concatenated in a fixed order
   * @param overrides command-line NAME=VALUE overrides (order does not matter)
   */
  public SweepKey(String scriptText, String stdlibText, Map<String, String> overrides) {
    StringBuilder sb = new StringBuilder();
    sb.append("script\n").append(scriptText.length()).append('\n').append(scriptText);
    sb.append("stdlib\n").append(stdlibText.length()).append('\n').append(stdlibText);
    sb.append("overrides\n");
    new TreeMap<>(overrides).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    this.base = sb.toString();
  }

  /** The key of one point: 16 hex digits. */
  public String of(List<String> params, List<Double> values) {
    StringBuilder sb = new StringBuilder(base).append("point\n");
    for (int i = 0; i < params.size(); i++) {
      sb.append(params.get(i)).append('=').append(SweepText.num(values.get(i))).append('\n');
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 8; i++) hex.append(String.format("%02x", h[i]));
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
