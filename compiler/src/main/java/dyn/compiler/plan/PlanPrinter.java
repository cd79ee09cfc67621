package dyn.compiler.plan;

/** Placeholder for the canonical text form of a plan; the compiler's real printer replaces it. */
public final class PlanPrinter {
  private PlanPrinter() {}

  /** The plan as text, one step per line. */
  public static String print(Plan plan) {
    StringBuilder sb = new StringBuilder("plan ").append(plan.script()).append('\n');
    for (Step s : plan.steps()) sb.append("  ").append(s.id()).append(' ').append(s.label()).append('\n');
    return sb.toString();
  }
}
