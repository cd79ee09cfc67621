package dyn.compiler.resolve;

import dyn.compiler.diag.Diagnostics;
import dyn.compiler.diag.Suggest;
import dyn.compiler.source.FileStamp;
import dyn.compiler.source.Source;
import dyn.compiler.syntax.Ident;
import dyn.compiler.syntax.Parse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
    BasicFileAttributes attrs = file == null ? null : attributes(file);
    if (attrs == null || !attrs.isRegularFile()) {
      at.error(
          "unknown-module",
          module.span(),
          "unknown module `" + module.name() + "`",
          Suggest.closest(module.name(), available()).map(s -> "did you mean `" + s + "`?").orElse(null));
      return Optional.empty();
    }
    Source source;
    try {
      source = read(file, attrs);
    } catch (IOException e) {
      at.error("io", module.span(), "cannot read module `" + module.name() + "`: " + e.getMessage());
      return Optional.empty();
    }
    Parse.Result parsed = Parse.parse(source);
    Diagnostics diags = new Diagnostics(source);
    parsed.diagnostics().forEach(diags::add);
    return Optional.of(new Unit(source, parsed.script(), diags));
  }

  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }

  /** A module's text as last read, with the file's stamp then. */
  private record Read(FileStamp stamp, Source source) {}

  /**
   * Modules already read in this process: a sweep compiles its script, and so its imports, once
   * per point, and a stat costs a fraction of a read. An edited file is read again.
   */
  private static final Map<Path, Read> READ = new ConcurrentHashMap<>();

  private static Source read(Path file, BasicFileAttributes now) throws IOException {
    Path key = file.toAbsolutePath();
    FileStamp stamp = FileStamp.of(now);
    Read r = READ.get(key);
    if (r != null && r.stamp.equals(stamp)) return r.source;
    Source source = Source.read(file);
    READ.put(key, new Read(stamp, source));
    return source;
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
