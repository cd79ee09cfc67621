package dyn.compiler.plan;

/** Placeholder for the JSON form of a plan; the compiler's real writer replaces it. */
public final class PlanJson {
  private PlanJson() {}

  /** The plan as JSON (placeholder: only the script and the step labels). */
  public static String write(Plan plan) {
    StringBuilder sb = new StringBuilder("{\"script\": \"")
        .append(plan.script().replace("\\", "\\\\").replace("\"", "\\\""))
        .append("\", \"steps\": [");
    for (Step s : plan.steps()) {
      if (s.id() > 0) sb.append(", ");
      sb.append('"').append(s.label().replace("\"", "\\\"")).append('"');
    }
    return sb.append("]}\n").toString();
  }
}
