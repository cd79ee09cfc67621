package dyn.compiler.syntax;

import dyn.grammar.DynLexer;
import dyn.grammar.DynParser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Measures how deep expressions nest, without recursion, so that an expression too deep for the
 * later passes is refused at the parse with a position instead of overflowing a stack in one of
 * them. One level is one expression node: each {@code (}, each operator of a chain (a flat sum of
 * N terms is N levels: the tree of {@code a + b + c} is {@code (a + b) + c}), each call argument.
 */
final class Nesting {
  private Nesting() {}

  private record Frame(ParseTree node, int depth) {}

  /**
   * The token where an expression first goes deeper than {@code max} levels: the operator or
   * bracket that opens level {@code max + 1}, in source order of the tree walk; empty when none.
   */
  static Optional<Token> tooDeep(ParserRuleContext root, int max) {
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(root, 0));
    while (!stack.isEmpty()) {
      Frame f = stack.pop();
      int depth = f.depth + (f.node instanceof DynParser.ExprContext ? 1 : 0);
      if (depth > max) return Optional.of(ownToken((ParserRuleContext) f.node));
      for (int i = f.node.getChildCount() - 1; i >= 0; i--) {
        ParseTree child = f.node.getChild(i);
        if (child instanceof ParserRuleContext) stack.push(new Frame(child, depth));
      }
    }
    return Optional.empty();
  }

  /** The node's operator or opening bracket (its first own token), else its first token. */
  private static Token ownToken(ParserRuleContext node) {
    for (int i = 0; i < node.getChildCount(); i++) {
      if (node.getChild(i) instanceof TerminalNode) return ((TerminalNode) node.getChild(i)).getSymbol();
      if (node.getChild(i) instanceof DynParser.ParenPrimaryContext
          || node.getChild(i) instanceof DynParser.VectorPrimaryContext) {
        return ((ParserRuleContext) node.getChild(i)).getStart();
      }
    }
    return node.getStart();
  }

  /**
   * The first bracket that opens level {@code max + 1} of bracket nesting, found from the tokens
   * alone: where the parser itself ran out of stack, there is no tree to measure.
   */
  static Optional<Token> tooDeepBrackets(TokenSource lexer, int max) {
    int depth = 0;
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      switch (t.getType()) {
        case DynLexer.LPAREN:
        case DynLexer.LBRACK:
        case DynLexer.LBRACE:
          if (++depth > max) return Optional.of(t);
          break;
        case DynLexer.RPAREN:
        case DynLexer.RBRACK:
        case DynLexer.RBRACE:
          depth = Math.max(0, depth - 1);
          break;
        default:
          break;
      }
    }
    return Optional.empty();
  }
}
