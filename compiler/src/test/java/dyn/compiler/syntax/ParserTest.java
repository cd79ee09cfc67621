package dyn.compiler.syntax;

import static dyn.compiler.syntax.Parsing.expr;
import static dyn.compiler.syntax.Parsing.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.source.Source;
import dyn.compiler.source.Span;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One test per construct of docs/LANGUAGE.md, checking the AST shape and the key spans. */
class ParserTest {

  /** A fully parenthesised rendering, independent of AstPrinter, for precedence tests. */
  private static String sexp(Expr e) {
    return e.accept(
        new ExprVisitor<String>() {
          public String visitNum(Expr.Num n) {
            return n.value() == Math.rint(n.value())
                ? Long.toString((long) n.value())
                : Double.toString(n.value());
          }

          public String visitStr(Expr.Str s) {
            return "\"" + s.value() + "\"";
          }

          public String visitBool(Expr.Bool b) {
            return String.valueOf(b.value());
          }

          public String visitName(Expr.Name n) {
            return n.name();
          }

          public String visitVector(Expr.Vector v) {
            return v.elements().stream().map(ParserTest::sexp).collect(Collectors.joining(" ", "[", "]"));
          }

          public String visitCall(Expr.Call c) {
            return c.args().stream()
                .map(a -> a.name().map(n -> n.name() + "=").orElse("") + sexp(a.value()))
                .collect(Collectors.joining(" ", "(" + c.callee().name() + " ", ")"));
          }

          public String visitBinary(Expr.Binary b) {
            return "(" + b.op().symbol + " " + sexp(b.left()) + " " + sexp(b.right()) + ")";
          }

          public String visitUnary(Expr.Unary u) {
            return "(" + (u.op() == Expr.UnaryOp.NEG ? "neg" : "not") + " " + sexp(u.operand()) + ")";
          }

          public String visitTranspose(Expr.Transpose t) {
            return "(T " + sexp(t.operand()) + ")";
          }

          public String visitIndex(Expr.Index i) {
            return i.indices().stream()
                .map(o -> o.map(ParserTest::sexp).orElse(":"))
                .collect(Collectors.joining(" ", "(idx " + sexp(i.target()) + " ", ")"));
          }

          public String visitMember(Expr.Member m) {
            return "(. " + sexp(m.target()) + " " + m.member().name() + ")";
          }

          public String visitCond(Expr.Cond c) {
            return "(if " + sexp(c.condition()) + " " + sexp(c.then()) + " " + sexp(c.otherwise()) + ")";
          }
        });
  }

  private static String text(String source, Span span) {
    return source.substring(span.start(), span.end());
  }

  @Test
  void importStatement() {
    Stmt.Import s = (Stmt.Import) only("import models");
    assertEquals("models", s.module().name());
    assertEquals(new Span(7, 13), s.module().span());
    assertEquals(new Span(0, 13), s.span());
  }

  @Test
  void paramStatement() {
    Stmt.Param s = (Stmt.Param) only("param alpha = 1e-4   # overridable");
    assertEquals("alpha", s.name().name());
    assertEquals(1e-4, ((Expr.Num) s.value()).value());
    assertEquals(new Span(0, 18), s.span(), "the comment is not part of the statement");
  }

  @Test
  void numbers() {
    assertEquals("3", sexp(expr("3")));
    assertEquals("0.5", sexp(expr("0.5")));
    assertEquals(1e-4, ((Expr.Num) expr("1e-4")).value());
    assertEquals(2.5e3, ((Expr.Num) expr("2.5E+3")).value());
  }

  @Test
  void instanceStatements() {
    Script s = Parsing.parseLines(
        "data teacher = linear_teacher(d = 6, n = 200)",
        "model net = two_layer(d = 6, init = aligned(teacher))",
        "train gf = flow(net, teacher, until = 12)");
    List<Stmt> st = s.statements();
    assertEquals(Stmt.InstanceKind.DATA, ((Stmt.Instance) st.get(0)).kind());
    assertEquals(Stmt.InstanceKind.MODEL, ((Stmt.Instance) st.get(1)).kind());
    Stmt.Instance train = (Stmt.Instance) st.get(2);
    assertEquals(Stmt.InstanceKind.TRAIN, train.kind());
    assertEquals("gf", train.name().name());
    assertEquals("flow", train.call().callee().name());
    assertEquals(3, train.call().args().size());
    assertEquals(Optional.empty(), train.call().args().get(0).name());
    assertEquals("until", train.call().args().get(2).name().get().name());
    assertEquals("(flow net teacher until=12)", sexp(train.call()));
  }

  @Test
  void callsSpanLines() {
    String src =
        "data teacher = linear_teacher(d = 6, out = 6,\n"
            + "                              whiten = true,\n"
            + "                              seed = seed)\n"
            + "param w = 8\n";
    Script s = Parsing.parseClean(src);
    assertEquals(2, s.statements().size());
    Stmt.Instance d = (Stmt.Instance) s.statements().get(0);
    assertEquals(4, d.call().args().size());
    assertTrue(text(src, d.span()).endsWith("seed = seed)"));
  }

  @Test
  void vectorsSpanLines() {
    Stmt.Param p = (Stmt.Param) only("param v = [5, 3,", "  2, 1]");
    assertEquals("[5 3 2 1]", sexp(p.value()));
  }

  @Test
  void observeForms() {
    Stmt.Observe a = (Stmt.Observe) only("observe loss, test_loss at log(0.01, 12, 40)");
    assertEquals(List.of("loss", "test_loss"), names(a.observables()));
    assertTrue(a.trains().isEmpty());
    assertEquals("(log 0.01 12 40)", sexp(a.grid().get()));

    Stmt.Observe b = (Stmt.Observe) only("observe neuron_norms for gf, gd");
    assertEquals(List.of("gf", "gd"), names(b.trains()));
    assertTrue(b.grid().isEmpty());

    Stmt.Observe c = (Stmt.Observe) only("observe loss for gf at linear(0, 10, 11)");
    assertEquals(List.of("gf"), names(c.trains()));
    assertEquals("linear", c.grid().get().callee().name());
  }

  private static List<String> names(List<Ident> ids) {
    return ids.stream().map(Ident::name).collect(Collectors.toList());
  }

  @Test
  void reportAndCheck() {
    Stmt.Report r = (Stmt.Report) only("report csv(\"saddle.csv\")");
    assertEquals("saddle.csv", ((Expr.Str) r.call().args().get(0).value()).value());
    Stmt.Check c = (Stmt.Check) only("check max_rel_diff(gd.loss, gf.loss) < 0.05");
    assertEquals("(< (max_rel_diff (. gd loss) (. gf loss)) 0.05)", sexp(c.condition()));
  }

  @Test
  void atIsAlsoACheckFunction() {
    assertEquals("(< (at (. gf loss) 5) 0.1)", sexp(expr("at(gf.loss, 5) < 0.1")));
  }

  @Test
  void stringEscapes() {
    assertEquals("a\"b\\c", ((Expr.Str) expr("\"a\\\"b\\\\c\"")).value());
  }

  @Test
  void precedence() {
    assertEquals("(or a (and b (not c)))", sexp(expr("a or b and not c")));
    assertEquals("(not (< a b))", sexp(expr("not a < b")));
    assertEquals("(< (+ a (* b c)) d)", sexp(expr("a + b * c < d")));
    assertEquals("(@ (@ a b) c)", sexp(expr("a @ b @ c")));
    assertEquals("(- (- a b) c)", sexp(expr("a - b - c")));
    assertEquals("(neg (^ x 2))", sexp(expr("-x ^ 2")));
    assertEquals("(^ a (^ b c))", sexp(expr("a ^ b ^ c")));
    assertEquals("(* (neg a) b)", sexp(expr("-a * b")));
    assertEquals("(^ 2 (neg 1))", sexp(expr("2 ^ -1")));
    assertEquals("(@ (T (* u v)) x)", sexp(expr("(u * v)' @ x")));
    assertEquals("(^ (T a) 2)", sexp(expr("a' ^ 2")));
    assertEquals("(. (idx W l) rows)", sexp(expr("W[l].rows")));
    assertEquals("(T (idx W1 i :))", sexp(expr("W1[i, :]'")));
    assertEquals("(+ (if c a b) 1)", sexp(expr("(if c then a else b) + 1")));
    assertEquals("(if c a (+ b 1))", sexp(expr("if c then a else b + 1")));
    assertEquals("(== a b)", sexp(expr("a == b")));
    assertEquals("(!= a true)", sexp(expr("a != true")));
  }

  @Test
  void expressionSpans() {
    String src = "check final(gf.loss) < 1e-6\n";
    Stmt.Check c = (Stmt.Check) Parsing.parseClean(src).statements().get(0);
    Expr.Binary lt = (Expr.Binary) c.condition();
    assertEquals("final(gf.loss) < 1e-6", text(src, lt.span()));
    Expr.Call fin = (Expr.Call) lt.left();
    assertEquals("final", text(src, fin.callee().span()));
    Expr.Member m = (Expr.Member) fin.args().get(0).value();
    assertEquals("gf.loss", text(src, m.span()));
    assertEquals("loss", text(src, m.member().span()));
  }

  @Test
  void requireStatement() {
    String src = String.join("\n",
        "model m(d, width) {",
        "  require whole(width) and width >= d, \"the width must be \\\"at least\\\" d\"",
        "  return x",
        "}", "");
    Stmt.Definition d = (Stmt.Definition) Parsing.parseClean(src).statements().get(0);
    Body.Require r = (Body.Require) d.body().get(0);
    assertEquals("(and (whole width) (>= width d))", sexp(r.condition()));
    assertEquals("the width must be \"at least\" d", r.message().value());
    assertEquals(src.indexOf("\"the width"), r.message().span().start());
    assertEquals(src.indexOf("require"), r.span().start());
  }

  @Test
  void modelDefinition() {
    String src = String.join("\n",
        "model two_layer(d, width, out, act = linear) {",
        "  param W1: [width, d] ~ normal(0, 1 / d)",
        "  param W2: [out, width] ~ normal(0, 1 / width)",
        "  neuron i < width: W1[i, :], W2[:, i]",
        "  return W2 @ act(W1 @ x)",
        "}", "");
    Stmt.Definition d = (Stmt.Definition) Parsing.parseClean(src).statements().get(0);
    assertEquals(Stmt.DefinitionKind.MODEL, d.kind());
    assertEquals("two_layer", d.name().name());
    assertEquals(4, d.params().size());
    assertTrue(d.params().get(0).defaultValue().isEmpty());
    assertEquals("linear", sexp(d.params().get(3).defaultValue().get()));
    assertEquals(4, d.body().size());
    Body.Tensor w1 = (Body.Tensor) d.body().get(0);
    assertEquals("W1", w1.name().name());
    assertTrue(w1.index().isEmpty());
    assertEquals(List.of("width", "d"), w1.shape().stream().map(ParserTest::sexp).collect(Collectors.toList()));
    assertEquals("(normal 0 (/ 1 d))", sexp(w1.distribution()));
    Body.Neuron n = (Body.Neuron) d.body().get(2);
    assertEquals("i", n.index().name());
    assertEquals("width", sexp(n.count()));
    assertEquals("(idx W1 i :)", sexp(n.parts().get(0)));
    assertEquals("(idx W2 : i)", sexp(n.parts().get(1)));
    Body.Return r = (Body.Return) d.body().get(3);
    assertEquals("(@ W2 (act (@ W1 x)))", sexp(r.value()));
    assertEquals("return W2 @ act(W1 @ x)", text(src, r.span()));
    assertTrue(text(src, d.span()).startsWith("model two_layer(") && text(src, d.span()).endsWith("}"));
  }

  @Test
  void vectorShapeAndFamilies() {
    String src = String.join("\n",
        "model deep_linear(d, width, out, depth = 3) {",
        "  param u: [d] ~ constant(1)",
        "  for l in 2 .. depth - 1 {",
        "    param W[l]: [width, width] ~ normal(0, 1 / width)",
        "  }",
        "  let h = u",
        "  for l in 2 .. depth - 1 { h = W[l] @ h }",
        "  return h",
        "}", "");
    Stmt.Definition d = (Stmt.Definition) Parsing.parseClean(src).statements().get(0);
    assertEquals(1, ((Body.Tensor) d.body().get(0)).shape().size());
    Body.For f = (Body.For) d.body().get(1);
    assertEquals("l", f.variable().name());
    assertEquals("2", sexp(f.from()));
    assertEquals("(- depth 1)", sexp(f.to()));
    Body.Tensor w = (Body.Tensor) f.body().get(0);
    assertEquals("l", sexp(w.index().get()));
    assertInstanceOf(Body.Let.class, d.body().get(2));
    Body.For oneLine = (Body.For) d.body().get(3);
    Body.Assign a = (Body.Assign) oneLine.body().get(0);
    assertEquals("h", a.name().name());
    assertEquals("(@ (idx W l) h)", sexp(a.value()));
  }

  @Test
  void datasetDefinition() {
    Stmt.Definition d = (Stmt.Definition) only(
        "dataset teacher(d, n, whiten = true) {",
        "  let x_all = normal(d, n)",
        "  x = if whiten then whiten(x_all) else x_all",
        "  y = x",
        "}");
    assertEquals(Stmt.DefinitionKind.DATASET, d.kind());
    assertEquals("(if whiten (whiten x_all) x_all)", sexp(((Body.Assign) d.body().get(1)).value()));
  }

  @Test
  void emptyBodiesHeadersAndBlankLines() {
    Script s = Parsing.parseLines("", "# only a comment", "", "model m() {", "}", "", "");
    Stmt.Definition d = (Stmt.Definition) s.statements().get(0);
    assertTrue(d.params().isEmpty());
    assertTrue(d.body().isEmpty());
    assertTrue(Parsing.parseClean("").statements().isEmpty());
    assertEquals(1, Parsing.parseClean("param a = 1").statements().size(), "no final newline");
  }

  @Test
  void softKeywordsAsNames() {
    assertEquals("(f data=(g model))", sexp(expr("f(data = g(model))")));
  }

  @Test
  void trailingCommaInCalls() {
    assertEquals("(f 1 2)", sexp(expr("f(1,\n 2,\n)")));
  }

  @Test
  void incompleteVersusInvalid() {
    assertTrue(Parse.isIncomplete(new Source("<repl>", "model m(d) {\n  let h = x\n")));
    assertTrue(Parse.isIncomplete(new Source("<repl>", "data t = f(a = 1,\n")));
    assertTrue(Parse.isIncomplete(new Source("<repl>", "param v = [1, 2")));
    assertFalse(Parse.isIncomplete(new Source("<repl>", "param a = 1\n")));
    assertFalse(Parse.isIncomplete(new Source("<repl>", "param a = (1))\n")));
    assertFalse(Parse.isIncomplete(new Source("<repl>", "param a = = 1\n")));
  }

  @Test
  void nonBmpCharactersKeepSpansInStringOffsets() {
    String src = "# 𝜃 is theta\nparam a = 1\n";
    Stmt.Param p = (Stmt.Param) Parsing.parseClean(src).statements().get(0);
    assertEquals("param a = 1", text(src, p.span()));
  }
}
