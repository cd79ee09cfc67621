package dyn.compiler.syntax;

import dyn.compiler.source.Span;
import dyn.grammar.DynLexer;
import dyn.grammar.DynParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * The parse tree to the {@link Script} AST. Statements the parser had to repair are left out (their
 * errors are already reported), so later stages never see a half-built node. Unknown statements
 * are reported here, where the whole line is at hand for advice.
 */
final class AstBuilder {
  private final Offsets at;
  private final ExprBuilder exprs;
  private final SyntaxErrors errors;

  /** Whether error recovery built the tree (else no subtree is {@link #damaged}). */
  private final boolean recovered;

  AstBuilder(SyntaxErrors errors, boolean recovered) {
    this.at = errors.offsets();
    this.exprs = new ExprBuilder(at);
    this.errors = errors;
    this.recovered = recovered;
  }

  Script script(DynParser.ScriptContext ctx) {
    List<Stmt> out = new ArrayList<>();
    for (DynParser.StatementContext s : ctx.statement()) {
      if (s instanceof DynParser.UnknownStmtContext) {
        unknown((DynParser.UnknownStmtContext) s);
      } else if (!recovered || !damaged(s)) {
        out.add(statement(s));
      }
    }
    return new Script(new Span(0, at.of(ctx.getStop()).end()), out);
  }

  private void unknown(DynParser.UnknownStmtContext s) {
    String word = s.getStart().getText();
    boolean isWord = s.getStart().getType() == DynLexer.IDENT || Character.isLetter(word.charAt(0));
    if (!isWord || s.getStart().getType() == DynLexer.UNTERMINATED_STRING) {
      // Not a word at all: the usual "unexpected" wording, or the lexical error itself.
      errors.report(
          at.of(s.getStart()),
          s.getStart().getType() == DynLexer.UNTERMINATED_STRING
              ? SyntaxMessages.UNTERMINATED_STRING
              : s.getStart().getType() == DynLexer.BAD_CHAR
                  ? SyntaxMessages.unexpectedCharacter(word)
                  : SyntaxMessages.unexpected(TokenNames.found(s.getStart()), "a statement"),
          Optional.empty());
      return;
    }
    errors.report(
        at.of(s.getStart()),
        SyntaxMessages.unknownStatement(word),
        SyntaxMessages.statementHint(word, SyntaxMessages.STATEMENT_KEYWORDS));
  }

  private Stmt statement(DynParser.StatementContext s) {
    Span span = at.of(s);
    if (s instanceof DynParser.ImportStmtContext) {
      return new Stmt.Import(span, ident(((DynParser.ImportStmtContext) s).name()));
    }
    if (s instanceof DynParser.ParamStmtContext) {
      DynParser.ParamStmtContext p = (DynParser.ParamStmtContext) s;
      return new Stmt.Param(span, ident(p.name()), exprs.build(p.expr()));
    }
    if (s instanceof DynParser.InstanceStmtContext) {
      DynParser.InstanceStmtContext i = (DynParser.InstanceStmtContext) s;
      int type = i.kind.getType();
      Stmt.InstanceKind kind = type == DynLexer.DATA ? Stmt.InstanceKind.DATA
          : type == DynLexer.PREDICT ? Stmt.InstanceKind.PREDICT
          : type == DynLexer.COMPARE ? Stmt.InstanceKind.COMPARE
          : Stmt.InstanceKind.TRAIN;
      return new Stmt.Instance(span, kind, ident(i.name()), exprs.call(i.call()));
    }
    if (s instanceof DynParser.ModelStmtContext) {
      DynParser.ModelStmtContext m = (DynParser.ModelStmtContext) s;
      if (m.call() != null) {
        return new Stmt.Instance(
            span, Stmt.InstanceKind.MODEL, ident(m.name()), exprs.call(m.call()));
      }
      return definition(span, Stmt.DefinitionKind.MODEL, m.name(), m.headers(), m.block());
    }
    if (s instanceof DynParser.DatasetStmtContext) {
      DynParser.DatasetStmtContext d = (DynParser.DatasetStmtContext) s;
      return definition(span, Stmt.DefinitionKind.DATASET, d.name(), d.headers(), d.block());
    }
    if (s instanceof DynParser.ObserveStmtContext) {
      DynParser.ObserveStmtContext o = (DynParser.ObserveStmtContext) s;
      List<Ident> trains = o.names() == null ? List.of() : idents(o.names());
      Optional<Expr.Call> grid =
          o.call() == null ? Optional.empty() : Optional.of(exprs.call(o.call()));
      List<Ident> observed = new ArrayList<>();
      List<Expr.Call> settings = new ArrayList<>();
      for (DynParser.ObservedContext x : o.observed()) {
        Ident name = ident(x.name());
        observed.add(name);
        if (x.LPAREN() != null) settings.add(exprs.call(name, x.args(), at.of(x)));
      }
      return new Stmt.Observe(span, observed, trains, grid, settings);
    }
    if (s instanceof DynParser.ReportStmtContext) {
      return new Stmt.Report(span, exprs.call(((DynParser.ReportStmtContext) s).call()));
    }
    if (s instanceof DynParser.CheckStmtContext) {
      return new Stmt.Check(span, exprs.build(((DynParser.CheckStmtContext) s).expr()));
    }
    if (s instanceof DynParser.SweepStmtContext) return sweep(span, (DynParser.SweepStmtContext) s);
    if (s instanceof DynParser.DeriveStmtContext) {
      DynParser.DeriveStmtContext d = (DynParser.DeriveStmtContext) s;
      return new Stmt.Derive(span, ident(d.name()), exprs.build(d.expr()));
    }
    if (s instanceof DynParser.BackendStmtContext) {
      return new Stmt.Backend(span, ident(((DynParser.BackendStmtContext) s).name()));
    }
    throw new IllegalStateException("unhandled statement " + s.getClass().getSimpleName());
  }

  /** A sweep's block may hold only {@code NAME = EXPR} metric lines; anything else is reported. */
  private Stmt.Sweep sweep(Span span, DynParser.SweepStmtContext s) {
    List<Stmt.Metric> metrics = new ArrayList<>();
    if (s.block() != null) {
      for (DynParser.BodyStmtContext b : s.block().bodyStmt()) {
        if (b instanceof DynParser.AssignStmtContext) {
          DynParser.AssignStmtContext a = (DynParser.AssignStmtContext) b;
          metrics.add(new Stmt.Metric(at.of(b), ident(a.name()), exprs.build(a.expr())));
        } else {
          errors.report(at.of(b), "a sweep block lists metrics, one `NAME = EXPR` per line",
              Optional.of("e.g. `loss = final(gd.loss)`; models and datasets are defined outside the sweep"));
        }
      }
    }
    return new Stmt.Sweep(span, ident(s.name()), exprs.call(s.call()), metrics);
  }

  private Stmt.Definition definition(
      Span span,
      Stmt.DefinitionKind kind,
      DynParser.NameContext name,
      DynParser.HeadersContext headers,
      DynParser.BlockContext block) {
    List<Stmt.Header> params = new ArrayList<>();
    if (headers != null) {
      for (DynParser.HeaderContext h : headers.header()) {
        Optional<Expr> dflt = h.expr() == null ? Optional.empty() : Optional.of(exprs.build(h.expr()));
        params.add(new Stmt.Header(at.of(h), ident(h.name()), dflt));
      }
    }
    return new Stmt.Definition(span, kind, ident(name), params, body(block));
  }

  private List<Body> body(DynParser.BlockContext block) {
    List<Body> out = new ArrayList<>();
    for (DynParser.BodyStmtContext b : block.bodyStmt()) out.add(bodyStatement(b));
    return out;
  }

  private Body bodyStatement(DynParser.BodyStmtContext b) {
    Span span = at.of(b);
    if (b instanceof DynParser.RequireStmtContext) {
      DynParser.RequireStmtContext r = (DynParser.RequireStmtContext) b;
      Token message = r.STRING().getSymbol();
      return new Body.Require(span, exprs.build(r.expr()),
          new Expr.Str(at.of(message), ExprBuilder.unquote(message.getText())));
    }
    if (b instanceof DynParser.TensorStmtContext) {
      DynParser.TensorStmtContext t = (DynParser.TensorStmtContext) b;
      List<Expr> shape = new ArrayList<>();
      for (DynParser.ExprContext e : t.shape().expr()) shape.add(exprs.build(e));
      if (shape.size() > 2) {
        errors.report(
            at.of(t.shape()),
            SyntaxMessages.shapeRank(shape.size()),
            Optional.of(SyntaxMessages.SHAPE_HINT));
      }
      Optional<Expr> family =
          t.family == null ? Optional.empty() : Optional.of(exprs.build(t.family));
      return new Body.Tensor(span, ident(t.name()), family, shape, exprs.call(t.call()));
    }
    if (b instanceof DynParser.NeuronStmtContext) {
      DynParser.NeuronStmtContext n = (DynParser.NeuronStmtContext) b;
      List<Expr> parts = new ArrayList<>();
      for (int i = 1; i < n.expr().size(); i++) parts.add(exprs.build(n.expr(i)));
      return new Body.Neuron(span, ident(n.name()), exprs.build(n.expr(0)), parts);
    }
    if (b instanceof DynParser.LetStmtContext) {
      DynParser.LetStmtContext l = (DynParser.LetStmtContext) b;
      return new Body.Let(span, ident(l.name()), exprs.build(l.expr()));
    }
    if (b instanceof DynParser.AssignStmtContext) {
      DynParser.AssignStmtContext a = (DynParser.AssignStmtContext) b;
      return new Body.Assign(span, ident(a.name()), exprs.build(a.expr()));
    }
    if (b instanceof DynParser.ForStmtContext) {
      DynParser.ForStmtContext f = (DynParser.ForStmtContext) b;
      return new Body.For(
          span, ident(f.name()), exprs.build(f.expr(0)), exprs.build(f.expr(1)), body(f.block()));
    }
    if (b instanceof DynParser.ReturnStmtContext) {
      return new Body.Return(span, exprs.build(((DynParser.ReturnStmtContext) b).expr()));
    }
    throw new IllegalStateException("unhandled body statement " + b.getClass().getSimpleName());
  }

  private Ident ident(DynParser.NameContext ctx) {
    return exprs.ident(ctx);
  }

  private List<Ident> idents(DynParser.NamesContext ctx) {
    List<Ident> out = new ArrayList<>();
    for (DynParser.NameContext n : ctx.name()) out.add(ident(n));
    return out;
  }

  /** True when recovery touched this subtree: an exception, an error node, or a missing child. */
  private static boolean damaged(ParseTree t) {
    if (t instanceof ErrorNode) return true;
    if (t instanceof ParserRuleContext) {
      ParserRuleContext c = (ParserRuleContext) t;
      if (c.exception != null) return true;
      for (int i = 0; i < c.getChildCount(); i++) if (damaged(c.getChild(i))) return true;
    }
    return false;
  }
}
