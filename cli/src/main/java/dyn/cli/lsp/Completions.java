package dyn.cli.lsp;

import dyn.compiler.plan.Observable;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.resolve.Program;
import dyn.compiler.resolve.StdlibLoader;
import dyn.compiler.syntax.Stmt;
import dyn.compiler.syntax.Tokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;

/**
 * Completion candidates at a cursor: observables after {@code TRAIN.}, a sweep's metrics after
 * {@code SWEEP.}, module names after {@code import}, the keys of the call being written (a
 * definition's header parameters, a builtin's keys), then keywords, the names in scope and the
 * builtins. Candidates start with the typed prefix; keys sort first.
 */
final class Completions {
  private final Path stdlib;

  Completions(Path stdlib) {
    this.stdlib = stdlib;
  }

  List<CompletionItem> at(Analysis a, int offset) {
    Cursor c = Cursor.at(a.tokens(), a.text(), offset);
    Map<String, CompletionItem> out = new LinkedHashMap<>();
    if (c.inComment) return List.of();
    Optional<Program> program = a.program();
    Scope scope = program.map(Scope::new).orElse(null);

    if (c.receiver.isPresent()) {
      if (scope != null) members(scope, a.recordable(), c.receiver.get(), out);
      return filter(out, c.prefix);
    }
    if (c.statement.isPresent() && c.statement.get().type().equals("IMPORT") && !c.statementStart) {
      for (String m : new StdlibLoader(stdlib).available()) add(out, m, CompletionItemKind.Module, "stdlib module", "0");
      return filter(out, c.prefix);
    }
    if (c.valueOf.isPresent()) {
      // After `loss = ` the losses, not every name in the script, come first.
      String describe = "value of " + c.valueOf.get();
      for (String v : Builtins.valuesOf(c.valueOf.get())) add(out, v, CompletionItemKind.EnumMember, describe, "0");
    }
    if (c.callee.isPresent() && c.keyPosition && scope != null) {
      for (String[] key : keys(scope, c.callee.get().text())) {
        CompletionItem item = item(key[0], CompletionItemKind.Property, key[1], "0");
        item.setInsertText(key[0] + " = ");
        out.putIfAbsent(key[0] + " =", item);
      }
    }
    if (c.statement.isPresent() && c.statement.get().type().equals("OBSERVE")) {
      for (Observable o : Builtins.OBSERVABLES.values()) add(out, o.scriptName(), CompletionItemKind.Field, "observable", "1");
    }
    for (String k : Tokens.keywords()) add(out, k, CompletionItemKind.Keyword, "keyword", c.statementStart ? "1" : "3");
    if (scope != null) {
      for (Declaration d : scope.locals(offset)) add(out, d.name(), kind(d.kind()), d.signature(), "2");
      for (Declaration d : scope.topLevel()) add(out, d.name(), kind(d.kind()), d.signature(), "2");
    }
    Vocabulary.all().forEach((n, what) -> add(out, n, CompletionItemKind.Function, what, "4"));
    return filter(out, c.prefix);
  }

  /** The keys of a call: a definition's header (and, for a model, the instance keys), or a builtin's. */
  static List<String[]> keys(Scope scope, String callee) {
    List<String[]> out = new ArrayList<>();
    Optional<Program.Definition> def = scope.definition(callee);
    if (def.isPresent()) {
      for (Declaration h : Scope.locals(def.get().syntax(), def.get().unit().source())) {
        if (h.kind() == Declaration.Kind.HEADER) out.add(new String[] {h.name(), h.signature()});
      }
      if (def.get().syntax().kind() == Stmt.DefinitionKind.MODEL) {
        for (String k : Vocabulary.modelKeys()) out.add(new String[] {k, "model instance key"});
      }
      return out;
    }
    for (String k : Vocabulary.keys(callee)) out.add(new String[] {k, "key of " + callee});
    if (callee.equals("grid") || callee.equals("zip")) {
      // A sweep's axes are the script's params.
      for (Declaration d : scope.topLevel()) {
        if (d.kind() == Declaration.Kind.PARAM) out.add(new String[] {d.name(), "sweep axis: " + d.signature()});
      }
    }
    return out;
  }

  /**
   * After {@code NAME.}: a train's observables (those its model and data allow when the script
   * compiles, as the REPL offers; all of them while it does not) or a sweep's metrics.
   */
  private static void members(Scope scope, Map<String, List<Observable>> recordable,
      String receiver, Map<String, CompletionItem> out) {
    Optional<Stmt> s = scope.statement(receiver);
    if (s.isEmpty()) return;
    if (s.get() instanceof Stmt.Instance && ((Stmt.Instance) s.get()).kind() == Stmt.InstanceKind.TRAIN) {
      // A train records none of a prediction's series.
      Iterable<Observable> offered = recordable.containsKey(receiver)
          ? recordable.get(receiver) : Builtins.OBSERVABLES.values();
      for (Observable o : offered) {
        add(out, o.scriptName(), CompletionItemKind.Field, "observable of train " + receiver, "0");
      }
    } else if (s.get() instanceof Stmt.Instance i && i.kind() == Stmt.InstanceKind.PREDICT
        && recordable.containsKey(receiver)) {
      for (Observable o : recordable.get(receiver)) {
        add(out, o.scriptName(), CompletionItemKind.Field, "series of prediction " + receiver, "0");
      }
    } else if (s.get() instanceof Stmt.Sweep) {
      Stmt.Sweep w = (Stmt.Sweep) s.get();
      for (Stmt.Metric m : w.metrics()) add(out, m.name().name(), CompletionItemKind.Field, "metric of sweep " + receiver, "0");
      add(out, "diverged", CompletionItemKind.Field, "metric every sweep point records", "1");
    }
  }

  private static CompletionItemKind kind(Declaration.Kind k) {
    switch (k) {
      case MODEL_DEFINITION:
      case DATASET_DEFINITION:
        return CompletionItemKind.Class;
      case MODULE:
        return CompletionItemKind.Module;
      case PARAM:
      case HEADER:
        return CompletionItemKind.Constant;
      default:
        return CompletionItemKind.Variable;
    }
  }

  private static void add(Map<String, CompletionItem> out, String label, CompletionItemKind kind, String detail, String rank) {
    out.putIfAbsent(label, item(label, kind, detail, rank));
  }

  private static CompletionItem item(String label, CompletionItemKind kind, String detail, String rank) {
    CompletionItem i = new CompletionItem(label);
    i.setKind(kind);
    i.setDetail(detail);
    i.setSortText(rank + label);
    return i;
  }

  private static List<CompletionItem> filter(Map<String, CompletionItem> all, String prefix) {
    List<CompletionItem> out = new ArrayList<>();
    for (CompletionItem i : all.values()) if (i.getLabel().startsWith(prefix)) out.add(i);
    // The builtin tables are Set.of/Map.of, whose order changes from run to run: sort for a stable answer.
    out.sort(java.util.Comparator.comparing(CompletionItem::getSortText));
    return out;
  }
}
