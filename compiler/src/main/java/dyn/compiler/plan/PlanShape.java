package dyn.compiler.plan;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan's structure: the plan with every real number (a double: a learning rate, a time, a
 * graph constant, an init scale or variance) and every seed and random stream masked, and
 * everything else kept: shapes, counts, step counts (loop bounds), grid sizes, names, kinds and
 * origins.
 *
 * <p>Two points of a sweep whose plans have equal shapes differ only in numbers that reach no
 * shape, loop bound or dataset size, so they can run as one batched program: the same graphs and
 * loops, each point with its own numbers and draws. This is read off the plans the compiler
 * made at each point, not guessed from the script, so it holds however a param reaches the plan
 * (a width and a step count change the shape; a γ in a graph constant and a seed do not).
 */
public final class PlanShape {
  private PlanShape() {}

  /**
   * The whole numbers that are not structure: a seed or a random stream picks which numbers a
   * draw gives, never how many, so points that differ only in seeds batch like points that
   * differ in a learning rate (each point still draws its own).
   */
  private static final java.util.Set<String> SEEDS = java.util.Set.of("seed", "stream");

  /** What every masked number becomes. */
  private static final String NUMBER = "#";

  /** Each record class's component accessors, looked up once (the lookup copies them each time). */
  private static final ClassValue<java.lang.reflect.Method[]> ACCESSORS = new ClassValue<>() {
    @Override
    protected java.lang.reflect.Method[] computeValue(Class<?> type) {
      RecordComponent[] cs = type.getRecordComponents();
      java.lang.reflect.Method[] out = new java.lang.reflect.Method[cs.length];
      for (int i = 0; i < cs.length; i++) {
        out[i] = cs[i].getAccessor();
        out[i].setAccessible(true); // a record nested in a non-public class is still plan data
      }
      return out;
    }
  };

  /**
   * The shape of a plan: equal (and equally hashed) for plans that differ only in numbers. The
   * plan's sweep is left out: a point's plan carries the whole sweep (every point's values), the
   * same at every point, and masking it cost as much as the rest of the plan for each of
   * eta_gamma's 741 points; a batch runs the steps, not the sweep.
   */
  public static Object of(Plan plan) {
    return mask(List.of(plan.script(), plan.params(), plan.steps(), plan.backend()));
  }

  private static Object mask(Object o) {
    if (o == null) return null;
    if (o instanceof Double || o instanceof Float) return NUMBER;
    if (o instanceof Number || o instanceof String || o instanceof Boolean
        || o instanceof Character || o instanceof Enum) {
      return o;
    }
    if (o instanceof Optional) return ((Optional<?>) o).map(PlanShape::mask);
    if (o instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) o) out.add(mask(e));
      return out;
    }
    if (o instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) o).forEach((k, v) -> out.put(mask(k), mask(v)));
      return out;
    }
    if (o instanceof double[]) return List.of(NUMBER, ((double[]) o).length);
    if (o instanceof float[]) return List.of(NUMBER, ((float[]) o).length);
    if (o instanceof int[]) return Arrays.stream((int[]) o).boxed().toList();
    if (o instanceof long[]) return Arrays.stream((long[]) o).boxed().toList();
    if (o instanceof Record) {
      List<Object> out = new ArrayList<>();
      out.add(o.getClass().getName());
      for (java.lang.reflect.Method get : ACCESSORS.get(o.getClass())) {
        try {
          Object v = get.invoke(o);
          out.add(v instanceof Long && SEEDS.contains(get.getName()) ? NUMBER : mask(v));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + get, e);
        }
      }
      return out;
    }
    // Paths and other values with their own equality (no numbers of a point in them).
    return o;
  }
}
