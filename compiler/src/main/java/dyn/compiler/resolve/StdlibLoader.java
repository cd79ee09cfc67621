package dyn.compiler.resolve;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.diag.Suggest;
import dyn.compiler.source.Source;
import dyn.compiler.syntax.Ident;
import dyn.compiler.syntax.Parse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds and parses {@code <stdlibDir>/NAME.dyn} for {@code import NAME}. */
public final class StdlibLoader {
  private final Path dir;

  public StdlibLoader(Path dir) {
    this.dir = dir;
  }

  /** Loads a module, or reports an unknown module (with did-you-mean) and returns empty. */
  public Optional<Unit> load(Ident module, Diagnostics at) {
    Path file = dir == null ? null : dir.resolve(module.name() + ".dyn");
    if (file == null || !Files.isRegularFile(file)) {
      at.error(
          "unknown-module",
          module.span(),
          "unknown module `" + module.name() + "`",
          Suggest.closest(module.name(), available()).map(s -> "did you mean `" + s + "`?").orElse(null));
      return Optional.empty();
    }
    Source source;
    try {
      source = Source.read(file);
    } catch (IOException e) {
      at.error("io", module.span(), "cannot read module `" + module.name() + "`: " + e.getMessage());
      return Optional.empty();
    }
    Parse.Result parsed = Parse.parse(source);
    Diagnostics diags = new Diagnostics(source);
    parsed.diagnostics().forEach(diags::add);
    return Optional.of(new Unit(source, parsed.script(), diags));
  }

  /** Module names present in the stdlib folder. */
  public List<String> available() {
    List<String> names = new ArrayList<>();
    if (dir == null || !Files.isDirectory(dir)) return names;
    try (Stream<Path> files = Files.list(dir)) {
      files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".dyn"))
          .map(n -> n.substring(0, n.length() - 4))
          .sorted()
          .forEach(names::add);
    } catch (IOException e) {
      // An unreadable folder just gives no suggestions.
    }
    return names;
  }
}
