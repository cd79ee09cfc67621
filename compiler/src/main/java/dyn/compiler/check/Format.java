package dyn.compiler.check;

/** Numbers in messages and listings: integers without ".0", others in shortest round-trip form. */
public final class Format {
  private Format() {}

  public static String num(double v) {
    return dyn.compiler.plan.NumberText.shortest(v);
  }
}
