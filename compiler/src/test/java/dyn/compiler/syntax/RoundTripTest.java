package dyn.compiler.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dyn.compiler.source.Span;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** parse -> print -> parse gives an equal AST (spans aside), and printing is a fixed point. */
class RoundTripTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "saddle.dyn",
        "definitions.dyn",
        "#expr: -x ^ 2 + (-x) ^ 2 - -y - (a - b) - a - b",
        "#expr: a ^ b ^ c + (a ^ b) ^ c",
        "#expr: not (a < b) and (not a) < b or c",
        "#expr: (if c then a else b) + if d then e else f * 2",
        "#expr: (u * v)' @ x + W[l, :]' @ (x')' + g.loss.x",
        "#expr: a / (b * c) * d - (e + f)",
        "#expr: \"quote \\\" backslash \\\\\" == [1, 2.5, 1e-12, 3e20]",
        "#expr: f(a = [1], b = (1 + 2) * 3, c = -1)",
        "#expr: (a < b) < c",
        "#expr: a < (b < c)",
      })
  void roundTrips(String input) {
    String text =
        input.startsWith("#expr: ") ? "check " + input.substring(7) + "\n" : Parsing.resource(input);
    Script first = Parsing.parseClean(text);
    String printed = AstPrinter.print(first);
    Script second = Parsing.parseClean(printed);
    assertEquals(withoutSpans(first), withoutSpans(second), printed);
    assertEquals(printed, AstPrinter.print(second));
  }

  private static final Span ZERO = new Span(0, 0);

  /** A copy of the tree with every span zeroed, so record equality compares structure only. */
  static Object withoutSpans(Object o) {
    if (o instanceof Span) return ZERO;
    if (o instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) o) out.add(withoutSpans(e));
      return out;
    }
    if (o instanceof Optional) return ((Optional<?>) o).map(RoundTripTest::withoutSpans);
    if (o == null || !o.getClass().isRecord()) return o;
    try {
      RecordComponent[] rc = o.getClass().getRecordComponents();
      Object[] values = new Object[rc.length];
      Class<?>[] types = new Class<?>[rc.length];
      for (int i = 0; i < rc.length; i++) {
        values[i] = withoutSpans(rc[i].getAccessor().invoke(o));
        types[i] = rc[i].getType();
      }
      var ctor = o.getClass().getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
