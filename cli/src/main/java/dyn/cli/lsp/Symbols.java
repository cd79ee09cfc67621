package dyn.cli.lsp;

import dyn.compiler.resolve.Program;
import dyn.compiler.syntax.Stmt;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

/** The outline of a script: its declarations, with a definition's parameters and tensors, a sweep's metrics. */
final class Symbols {
  private Symbols() {}

  static List<DocumentSymbol> of(Analysis a) {
    List<DocumentSymbol> out = new ArrayList<>();
    if (a.program().isEmpty()) return out;
    Program p = a.program().get();
    Scope scope = new Scope(p);
    for (Declaration d : scope.topLevel()) {
      if (!d.source().path().equals(a.source().path())) continue; // stdlib definitions are not in this file
      DocumentSymbol s = symbol(a, d);
      List<DocumentSymbol> children = new ArrayList<>();
      for (Stmt st : p.main().script().statements()) {
        if (st instanceof Stmt.Definition && ((Stmt.Definition) st).name().span().equals(d.nameSpan())) {
          for (Declaration l : Scope.locals((Stmt.Definition) st, a.source())) {
            if (l.kind() != Declaration.Kind.LOCAL) children.add(symbol(a, l));
          }
        } else if (st instanceof Stmt.Sweep && ((Stmt.Sweep) st).name().span().equals(d.nameSpan())) {
          for (Declaration m : Scope.metrics((Stmt.Sweep) st, a.source())) children.add(symbol(a, m));
        }
      }
      if (!children.isEmpty()) s.setChildren(children);
      out.add(s);
    }
    return out;
  }

  private static DocumentSymbol symbol(Analysis a, Declaration d) {
    return new DocumentSymbol(d.name(), kind(d.kind()), a.positions().range(d.span()),
        a.positions().range(d.nameSpan()), d.kind().word);
  }

  private static SymbolKind kind(Declaration.Kind k) {
    switch (k) {
      case PARAM:
        return SymbolKind.Constant;
      case MODEL_DEFINITION:
      case DATASET_DEFINITION:
        return SymbolKind.Class;
      case TRAIN:
      case PREDICT:
      case COMPARE:
        return SymbolKind.Event;
      case SWEEP:
        return SymbolKind.Namespace;
      case HEADER:
        return SymbolKind.TypeParameter;
      case TENSOR:
      case METRIC:
        return SymbolKind.Field;
      default:
        return SymbolKind.Variable;
    }
  }
}
