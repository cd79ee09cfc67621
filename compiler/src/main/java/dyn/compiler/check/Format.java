package dyn.compiler.check;

/** Numbers in messages and listings: integers without ".0", others in shortest round-trip form. */
public final class Format {
  private Format() {}

  public static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return Double.toString(v).replace("E", "e").replace(".0e", "e");
  }
}
