package dyn.compiler.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dyn.compiler.diag.Diagnostic;
import dyn.compiler.source.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Starlark-style chunked syntax-error tests: syntax_errors.dyn is split at {@code ---} lines; a
 * line carrying {@code # error: REGEX} must get an error matching REGEX (against "message [help:
 * hint]"), and no other line may get one.
 */
class SyntaxErrorTest {
  private static final Pattern EXPECT = Pattern.compile("#\\s*error:\\s*(.*)$");

  @TestFactory
  Stream<DynamicTest> chunks() {
    String all = Parsing.resource("syntax_errors.dyn");
    String[] chunks = all.split("(?m)^---\\s*$\\n?");
    List<DynamicTest> tests = new ArrayList<>();
    for (int c = 0; c < chunks.length; c++) {
      String chunk = chunks[c];
      String firstLine = chunk.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
      tests.add(DynamicTest.dynamicTest("chunk " + c + ": " + firstLine.strip(), () -> check(chunk)));
    }
    return tests.stream();
  }

  private static void check(String chunk) {
    Map<Integer, Pattern> expected = new HashMap<>();
    String[] lines = chunk.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = EXPECT.matcher(lines[i]);
      // The header comment of the file explains the convention; only code lines carry expectations.
      if (m.find() && !lines[i].stripLeading().startsWith("#")) {
        expected.put(i + 1, Pattern.compile(m.group(1).strip()));
      }
    }
    List<Diagnostic> ds = Parse.parse(new Source("chunk.dyn", chunk)).diagnostics();
    Map<Integer, String> actual = new HashMap<>();
    for (Diagnostic d : ds) {
      String text = d.message() + d.hint().map(h -> " [help: " + h + "]").orElse("");
      actual.putIfAbsent(d.where().line(), text);
    }
    StringBuilder problems = new StringBuilder();
    for (Map.Entry<Integer, Pattern> e : expected.entrySet()) {
      String got = actual.get(e.getKey());
      if (got == null) {
        problems.append("line ").append(e.getKey()).append(": no error, expected /")
            .append(e.getValue()).append("/\n");
      } else if (!e.getValue().matcher(got).find()) {
        problems.append("line ").append(e.getKey()).append(": got \"").append(got)
            .append("\", expected /").append(e.getValue()).append("/\n");
      }
    }
    for (Map.Entry<Integer, String> a : actual.entrySet()) {
      if (!expected.containsKey(a.getKey())) {
        problems.append("line ").append(a.getKey()).append(": unexpected error \"")
            .append(a.getValue()).append("\"\n");
      }
    }
    if (problems.length() > 0) fail(problems + "all errors:\n" + Parsing.render(ds));
  }

  @Test
  void errorsAreCappedWithACount() {
    StringBuilder src = new StringBuilder();
    for (int i = 0; i < 13; i++) src.append("param a").append(i).append(" = =\n");
    List<Diagnostic> ds = Parsing.errors(src.toString());
    assertEquals(SyntaxErrors.CAP + 1, ds.size());
    assertEquals("(+ 3 more syntax errors)", ds.get(SyntaxErrors.CAP).message());
    assertEquals(11, ds.get(SyntaxErrors.CAP).where().line());
  }

  @Test
  void noRawAntlrWording() {
    String[] bad = {
      "param a = = \n", "model m(d) {\n  return\n}\n", "check (a\n", "observe\n", "import\n",
      "data t = f(a b c)\n", "model m(d { }\n", "train = x\n", "}\n", "param a = 1 )\n",
    };
    for (String s : bad) {
      List<Diagnostic> ds = Parsing.errors(s);
      assertFalse(ds.isEmpty(), s);
      for (Diagnostic d : ds) {
        String m = d.message();
        assertFalse(
            m.contains("mismatched") || m.contains("extraneous") || m.contains("viable")
                || m.contains("missing") || m.contains("expecting") || m.contains("<EOF>"),
            s + " -> " + m);
      }
    }
  }

  @Test
  void partialScriptKeepsTheGoodStatements() {
    Parse.Result r = Parse.parse(new Source("t.dyn", "param a = 1\nparam b = =\nparam c = 3\n"));
    assertEquals(1, r.diagnostics().size());
    List<Stmt> st = r.script().statements();
    assertEquals(2, st.size());
    assertTrue(st.get(0) instanceof Stmt.Param && st.get(1) instanceof Stmt.Param);
    assertEquals("c", ((Stmt.Param) st.get(1)).name().name());
  }
}
