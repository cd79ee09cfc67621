package dyn.cli.lsp;

import dyn.compiler.resolve.Program;
import dyn.compiler.resolve.Unit;
import dyn.compiler.source.Source;
import dyn.compiler.source.Span;
import dyn.compiler.syntax.Body;
import dyn.compiler.syntax.Ident;
import dyn.compiler.syntax.Stmt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names visible in a document, from the resolver's {@link Program}: the script's top-level
 * declarations, the definitions of its imports, and inside a {@code model}/{@code dataset} body
 * that definition's header parameters, tensors and locals. The AST is read, never changed.
 */
final class Scope {
  private final Program program;

  Scope(Program program) {
    this.program = program;
  }

  /** The script's own file. */
  Source mainSource() {
    return program.main().source();
  }

  /** The script's declarations and every definition in scope, in source order (script first). */
  List<Declaration> topLevel() {
    Map<String, Declaration> out = new LinkedHashMap<>();
    Unit main = program.main();
    for (Stmt s : main.script().statements()) {
      declarationOf(s, main).ifPresent(d -> out.putIfAbsent(d.name(), d));
    }
    for (Program.Definition d : program.definitions().values()) {
      out.putIfAbsent(d.name(), definition(d.syntax(), d.unit()));
    }
    return new ArrayList<>(out.values());
  }

  /** The stdlib modules the script imports. */
  List<Declaration> modules() {
    List<Declaration> out = new ArrayList<>();
    for (Unit u : program.modules()) {
      String file = Path.of(u.source().path()).getFileName().toString();
      String name = file.endsWith(".dyn") ? file.substring(0, file.length() - 4) : file;
      Span start = new Span(0, 0);
      out.add(new Declaration(Declaration.Kind.MODULE, name, u.source(), start, start, "import " + name));
    }
    return out;
  }

  /** The definition named {@code name} (script or stdlib). */
  Optional<Program.Definition> definition(String name) {
    return Optional.ofNullable(program.definitions().get(name));
  }

  /** The script's statement declaring {@code name}, if any. */
  Optional<Stmt> statement(String name) {
    for (Stmt s : program.main().script().statements()) {
      Optional<Declaration> d = declarationOf(s, program.main());
      if (d.isPresent() && d.get().name().equals(name)) return Optional.of(s);
    }
    return Optional.empty();
  }

  /** What {@code name} means at {@code offset}: a local of the enclosing definition first, then top level. */
  Optional<Declaration> lookup(String name, int offset) {
    for (Declaration d : locals(offset)) if (d.name().equals(name)) return Optional.of(d);
    for (Declaration d : topLevel()) if (d.name().equals(name)) return Optional.of(d);
    for (Declaration d : modules()) if (d.name().equals(name)) return Optional.of(d);
    return Optional.empty();
  }

  /** The header parameters, tensors and locals of the script definition around {@code offset}. */
  List<Declaration> locals(int offset) {
    for (Stmt s : program.main().script().statements()) {
      if (s instanceof Stmt.Definition && s.span().start() <= offset && offset <= s.span().end()) {
        return locals((Stmt.Definition) s, program.main().source());
      }
    }
    return List.of();
  }

  /** The header parameters of a definition, then its body's names. */
  static List<Declaration> locals(Stmt.Definition d, Source source) {
    List<Declaration> out = new ArrayList<>();
    String owner = d.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + d.name().name();
    for (Stmt.Header h : d.params()) {
      String text = h.name().name() + h.defaultValue().map(v -> " = " + text(source, v.span())).orElse("");
      out.add(new Declaration(Declaration.Kind.HEADER, h.name().name(), source, h.name().span(), h.span(),
          text + "    (of " + owner + ")"));
    }
    body(d.body(), source, out);
    return out;
  }

  private static void body(List<Body> body, Source source, List<Declaration> out) {
    for (Body b : body) {
      if (b instanceof Body.Tensor) {
        Body.Tensor t = (Body.Tensor) b;
        out.add(local(Declaration.Kind.TENSOR, t.name(), source, t.span()));
      } else if (b instanceof Body.Let) {
        Body.Let l = (Body.Let) b;
        out.add(local(Declaration.Kind.LOCAL, l.name(), source, l.span()));
      } else if (b instanceof Body.For) {
        Body.For f = (Body.For) b;
        out.add(new Declaration(Declaration.Kind.LOCAL, f.variable().name(), source, f.variable().span(),
            f.span(), "for " + f.variable().name() + " in " + text(source, f.from().span()) + " .. "
                + text(source, f.to().span())));
        body(f.body(), source, out);
      } else if (b instanceof Body.Neuron) {
        Body.Neuron n = (Body.Neuron) b;
        out.add(local(Declaration.Kind.LOCAL, n.index(), source, n.span()));
      }
    }
  }

  private static Declaration local(Declaration.Kind kind, Ident name, Source source, Span span) {
    return new Declaration(kind, name.name(), source, name.span(), span, firstLine(text(source, span)));
  }

  private Optional<Declaration> declarationOf(Stmt s, Unit unit) {
    Source src = unit.source();
    if (s instanceof Stmt.Param) {
      Stmt.Param p = (Stmt.Param) s;
      return Optional.of(statement(Declaration.Kind.PARAM, p.name(), src, p.span()));
    }
    if (s instanceof Stmt.Instance) {
      Stmt.Instance i = (Stmt.Instance) s;
      return Optional.of(statement(Declaration.Kind.valueOf(i.kind().name()), i.name(), src, i.span()));
    }
    if (s instanceof Stmt.Definition) return Optional.of(definition((Stmt.Definition) s, unit));
    if (s instanceof Stmt.Sweep) {
      Stmt.Sweep w = (Stmt.Sweep) s;
      return Optional.of(statement(Declaration.Kind.SWEEP, w.name(), src, w.span()));
    }
    if (s instanceof Stmt.Derive) {
      Stmt.Derive d = (Stmt.Derive) s;
      return Optional.of(statement(Declaration.Kind.LET, d.name(), src, d.span()));
    }
    return Optional.empty();
  }

  private static Declaration statement(Declaration.Kind kind, Ident name, Source source, Span span) {
    return new Declaration(kind, name.name(), source, name.span(), span, firstLine(text(source, span)));
  }

  static Declaration definition(Stmt.Definition d, Unit unit) {
    Source source = unit.source();
    StringBuilder sig = new StringBuilder(d.kind() == Stmt.DefinitionKind.MODEL ? "model " : "dataset ");
    sig.append(d.name().name()).append('(');
    for (int i = 0; i < d.params().size(); i++) {
      Stmt.Header h = d.params().get(i);
      if (i > 0) sig.append(", ");
      sig.append(h.name().name());
      h.defaultValue().ifPresent(v -> sig.append(" = ").append(text(source, v.span())));
    }
    sig.append(')');
    Declaration.Kind kind = d.kind() == Stmt.DefinitionKind.MODEL
        ? Declaration.Kind.MODEL_DEFINITION : Declaration.Kind.DATASET_DEFINITION;
    return new Declaration(kind, d.name().name(), source, d.name().span(), d.span(), sig.toString());
  }

  /** The metrics of a sweep, as declarations. */
  static List<Declaration> metrics(Stmt.Sweep w, Source source) {
    List<Declaration> out = new ArrayList<>();
    for (Stmt.Metric m : w.metrics()) {
      out.add(new Declaration(Declaration.Kind.METRIC, m.name().name(), source, m.name().span(), m.span(),
          firstLine(text(source, m.span()))));
    }
    return out;
  }

  static String text(Source source, Span span) {
    String t = source.text();
    return t.substring(Math.min(span.start(), t.length()), Math.min(span.end(), t.length()));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl) + " …";
  }
}
