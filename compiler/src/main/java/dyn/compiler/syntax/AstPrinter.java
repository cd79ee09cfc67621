package dyn.compiler.syntax;

import java.util.List;
import java.util.Optional;

/**
 * Canonical source text of an AST: one statement per line, two-space indents, a blank line around
 * definitions, single spaces around binary operators, and parentheses only where precedence needs
 * them. Parsing the output gives back an equal AST (modulo spans); the round-trip test holds the
 * printer and the builder to that.
 */
public final class AstPrinter implements StmtVisitor<String>, BodyVisitor<String>, ExprVisitor<String> {
  // Precedence levels, loosest first, mirroring DynParser.expr.
  private static final int COND = 0;
  private static final int OR = 1;
  private static final int AND = 2;
  private static final int NOT = 3;
  private static final int COMPARE = 4;
  private static final int ADD = 5;
  private static final int MUL = 6;
  private static final int NEG = 7;
  private static final int POW = 8;
  private static final int POSTFIX = 9;
  private static final int ATOM = 10;

  private int indent = 0;

  private AstPrinter() {}

  /** The canonical text of a whole script, ending in a newline. */
  public static String print(Script script) {
    AstPrinter p = new AstPrinter();
    StringBuilder sb = new StringBuilder();
    boolean previousWasDefinition = false;
    for (int i = 0; i < script.statements().size(); i++) {
      Stmt s = script.statements().get(i);
      boolean isDefinition = s instanceof Stmt.Definition;
      if (i > 0 && (isDefinition || previousWasDefinition)) sb.append('\n');
      sb.append(s.accept(p)).append('\n');
      previousWasDefinition = isDefinition;
    }
    return sb.toString();
  }

  /** The canonical text of one statement (a definition spans several lines). */
  public static String print(Stmt s) {
    return s.accept(new AstPrinter());
  }

  /** The canonical text of one expression. */
  public static String print(Expr e) {
    return e.accept(new AstPrinter());
  }

  // ---- statements

  @Override
  public String visitImport(Stmt.Import s) {
    return "import " + s.module().name();
  }

  @Override
  public String visitParam(Stmt.Param s) {
    return "param " + s.name().name() + " = " + expr(s.value());
  }

  @Override
  public String visitInstance(Stmt.Instance s) {
    String keyword;
    switch (s.kind()) {
      case DATA:
        keyword = "data";
        break;
      case MODEL:
        keyword = "model";
        break;
      case TRAIN:
        keyword = "train";
        break;
      case PREDICT:
        keyword = "predict";
        break;
      case COMPARE:
        keyword = "compare";
        break;
      default:
        throw new IllegalStateException(s.kind().toString());
    }
    return keyword + " " + s.name().name() + " = " + expr(s.call());
  }

  @Override
  public String visitObserve(Stmt.Observe s) {
    StringBuilder sb = new StringBuilder("observe ").append(names(s.observables()));
    if (!s.trains().isEmpty()) sb.append(" for ").append(names(s.trains()));
    s.grid().ifPresent(g -> sb.append(" at ").append(expr(g)));
    return sb.toString();
  }

  @Override
  public String visitReport(Stmt.Report s) {
    return "report " + expr(s.call());
  }

  @Override
  public String visitCheck(Stmt.Check s) {
    return "check " + expr(s.condition());
  }

  @Override
  public String visitSweep(Stmt.Sweep s) {
    StringBuilder sb = new StringBuilder("sweep ").append(s.name().name()).append(" = ")
        .append(expr(s.space()));
    if (s.metrics().isEmpty()) return sb.toString();
    sb.append(" {\n");
    for (Stmt.Metric m : s.metrics()) {
      sb.append("  ").append(m.name().name()).append(" = ").append(expr(m.value())).append('\n');
    }
    return sb.append('}').toString();
  }

  @Override
  public String visitDerive(Stmt.Derive s) {
    return "let " + s.name().name() + " = " + expr(s.value());
  }

  @Override
  public String visitBackend(Stmt.Backend s) {
    return "backend " + s.name().name();
  }

  @Override
  public String visitDefinition(Stmt.Definition s) {
    StringBuilder sb = new StringBuilder();
    sb.append(s.kind() == Stmt.DefinitionKind.MODEL ? "model " : "dataset ");
    sb.append(s.name().name()).append('(');
    for (int i = 0; i < s.params().size(); i++) {
      Stmt.Header h = s.params().get(i);
      if (i > 0) sb.append(", ");
      sb.append(h.name().name());
      h.defaultValue().ifPresent(d -> sb.append(" = ").append(expr(d)));
    }
    sb.append(") ");
    return sb.append(block(s.body())).toString();
  }

  private String block(List<Body> body) {
    StringBuilder sb = new StringBuilder("{\n");
    indent++;
    for (Body b : body) sb.append("  ".repeat(indent)).append(b.accept(this)).append('\n');
    indent--;
    return sb.append("  ".repeat(indent)).append('}').toString();
  }

  // ---- body statements

  @Override
  public String visitRequire(Body.Require b) {
    return "require " + expr(b.condition()) + ", " + expr(b.message());
  }

  @Override
  public String visitTensor(Body.Tensor b) {
    StringBuilder sb = new StringBuilder("param ").append(b.name().name());
    b.index().ifPresent(i -> sb.append('[').append(expr(i)).append(']'));
    sb.append(": [").append(list(b.shape())).append("] ~ ").append(expr(b.distribution()));
    return sb.toString();
  }

  @Override
  public String visitNeuron(Body.Neuron b) {
    return "neuron " + b.index().name() + " < " + expr(b.count()) + ": " + list(b.parts());
  }

  @Override
  public String visitLet(Body.Let b) {
    return "let " + b.name().name() + " = " + expr(b.value());
  }

  @Override
  public String visitAssign(Body.Assign b) {
    return b.name().name() + " = " + expr(b.value());
  }

  @Override
  public String visitFor(Body.For b) {
    return "for " + b.variable().name() + " in " + expr(b.from()) + " .. " + expr(b.to()) + " "
        + block(b.body());
  }

  @Override
  public String visitReturn(Body.Return b) {
    return "return " + expr(b.value());
  }

  // ---- expressions

  private String expr(Expr e) {
    return e.accept(this);
  }

  /** {@code e}, parenthesised when it binds more loosely than {@code level} allows. */
  private String operand(Expr e, int level) {
    String s = expr(e);
    return precedence(e) < level ? "(" + s + ")" : s;
  }

  @Override
  public String visitNum(Expr.Num e) {
    double v = e.value();
    if (v < 0) return "(" + number(v) + ")";
    return number(v);
  }

  private static String number(double v) {
    // The shortest text that reads back exactly, spelt the way people write it (1e-4).
    return dyn.compiler.plan.NumberText.shortest(v);
  }

  @Override
  public String visitStr(Expr.Str e) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : e.value().toCharArray()) {
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  @Override
  public String visitBool(Expr.Bool e) {
    return e.value() ? "true" : "false";
  }

  @Override
  public String visitName(Expr.Name e) {
    return e.name();
  }

  @Override
  public String visitVector(Expr.Vector e) {
    return "[" + list(e.elements()) + "]";
  }

  @Override
  public String visitCall(Expr.Call e) {
    StringBuilder sb = new StringBuilder(e.callee().name()).append('(');
    for (int i = 0; i < e.args().size(); i++) {
      Expr.Arg a = e.args().get(i);
      if (i > 0) sb.append(", ");
      a.name().ifPresent(n -> sb.append(n.name()).append(" = "));
      sb.append(expr(a.value()));
    }
    return sb.append(')').toString();
  }

  @Override
  public String visitBinary(Expr.Binary e) {
    int p = precedence(e);
    // Left-associative operators need parentheses on an equal-precedence right operand; `^` is
    // right-associative, so the other way round.
    boolean right = e.op() == Expr.BinaryOp.POW;
    String l = operand(e.left(), right ? p + 1 : p);
    String r = operand(e.right(), right ? p : p + 1);
    return l + " " + e.op().symbol + " " + r;
  }

  @Override
  public String visitUnary(Expr.Unary e) {
    if (e.op() == Expr.UnaryOp.NOT) return "not " + operand(e.operand(), NOT);
    return "-" + operand(e.operand(), NEG);
  }

  @Override
  public String visitTranspose(Expr.Transpose e) {
    return operand(e.operand(), POSTFIX) + "'";
  }

  @Override
  public String visitIndex(Expr.Index e) {
    StringBuilder sb = new StringBuilder(operand(e.target(), POSTFIX)).append('[');
    for (int i = 0; i < e.indices().size(); i++) {
      if (i > 0) sb.append(", ");
      Optional<Expr> ix = e.indices().get(i);
      sb.append(ix.isPresent() ? expr(ix.get()) : ":");
    }
    return sb.append(']').toString();
  }

  @Override
  public String visitMember(Expr.Member e) {
    return operand(e.target(), POSTFIX) + "." + e.member().name();
  }

  @Override
  public String visitCond(Expr.Cond e) {
    return "if " + expr(e.condition()) + " then " + expr(e.then()) + " else " + expr(e.otherwise());
  }

  private String list(List<Expr> es) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < es.size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(expr(es.get(i)));
    }
    return sb.toString();
  }

  private static String names(List<Ident> ids) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ids.size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(ids.get(i).name());
    }
    return sb.toString();
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Cond) return COND;
    if (e instanceof Expr.Unary) return ((Expr.Unary) e).op() == Expr.UnaryOp.NOT ? NOT : NEG;
    if (e instanceof Expr.Transpose || e instanceof Expr.Index || e instanceof Expr.Member) {
      return POSTFIX;
    }
    if (e instanceof Expr.Num && ((Expr.Num) e).value() < 0) return ATOM;
    if (!(e instanceof Expr.Binary)) return ATOM;
    switch (((Expr.Binary) e).op()) {
      case OR:
        return OR;
      case AND:
        return AND;
      case LT:
      case LE:
      case GT:
      case GE:
      case EQ:
      case NE:
        return COMPARE;
      case ADD:
      case SUB:
        return ADD;
      case MUL:
      case DIV:
      case MATMUL:
        return MUL;
      case POW:
        return POW;
      default:
        throw new IllegalStateException(((Expr.Binary) e).op().toString());
    }
  }
}
