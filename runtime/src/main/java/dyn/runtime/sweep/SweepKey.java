package dyn.runtime.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of a point's result: a hash of everything that decides it (the script text, the
 * stdlib text, the command-line overrides, the contents of the data files it loads and the
 * point's values). A result.json with another
 * key is stale (the script changed since) and is recomputed.
 */
public final class SweepKey {
  /**
   * SHA-256 after the base text (script, stdlib, overrides), cloned for each point: hashing the
   * ~10 kB base once rather than once per point gives the same digest (the same bytes in the same
   * order) and took eta_gamma's 741 keys from ~0.5 s to a few ms.
   */
  private final MessageDigest base;

  /** A key for a script that loads no data files. */
  public SweepKey(String scriptText, String stdlibText, Map<String, String> overrides) {
    this(scriptText, stdlibText, overrides, "");
  }

  /**
   * @param scriptText the script's source text
   * @param stdlibText the text of the stdlib modules, concatenated in a fixed order
   * @param overrides command-line NAME=VALUE overrides (order does not matter)
   * @param dataDigests the loaded data files with digests of their contents, one line each in a
   *     fixed order; empty when the script loads none, which leaves the key as it was before
   *     files counted, so older sweep folders of such scripts resume
   */
  public SweepKey(String scriptText, String stdlibText, Map<String, String> overrides, String dataDigests) {
    StringBuilder sb = new StringBuilder();
    sb.append("script\n").append(scriptText.length()).append('\n').append(scriptText);
    sb.append("stdlib\n").append(stdlibText.length()).append('\n').append(stdlibText);
    sb.append("overrides\n");
    new TreeMap<>(overrides).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    if (!dataDigests.isEmpty()) sb.append("data\n").append(dataDigests);
    try {
      this.base = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    base.update(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The key of one point: 16 hex digits. */
  public String of(List<String> params, List<Double> values) {
    StringBuilder sb = new StringBuilder("point\n");
    for (int i = 0; i < params.size(); i++) {
      sb.append(params.get(i)).append('=').append(SweepText.num(values.get(i))).append('\n');
    }
    MessageDigest md;
    try {
      synchronized (base) {
        md = (MessageDigest) base.clone();
      }
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
    }
    byte[] h = md.digest(sb.toString().getBytes(StandardCharsets.UTF_8));
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      hex.append(Character.forDigit((h[i] >> 4) & 0xf, 16)).append(Character.forDigit(h[i] & 0xf, 16));
    }
    return hex.toString();
  }
}
