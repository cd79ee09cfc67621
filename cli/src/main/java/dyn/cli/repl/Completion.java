package dyn.cli.repl;

import dyn.compiler.plan.Observable;
import dyn.compiler.resolve.Builtins;
import dyn.compiler.source.Source;
import dyn.compiler.syntax.Parse;
import dyn.compiler.syntax.Stmt;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Tab-completion candidates: keywords, builtins, stdlib definitions, the session's names,
 * observables after {@code train.}, and colon commands at the start of a line.
 */
final class Completion {
  /** The language's keywords, read from the lexer (as the language server's are). */
  static final List<String> KEYWORDS = dyn.compiler.syntax.Tokens.keywords();

  private final Path stdlib;
  private List<String> stdlibNames;

  Completion(Path stdlib) {
    this.stdlib = stdlib;
  }

  /**
   * @param declared the session's names
   * @param trains each train's name and what it can record, so {@code gf.} offers only those
   */
  List<String> candidates(String buffer, int cursor, List<String> declared, Map<String, List<Observable>> trains) {
    cursor = Math.max(0, Math.min(cursor, buffer.length()));
    int start = cursor;
    while (start > 0 && isWordChar(buffer.charAt(start - 1))) start--;
    String word = buffer.substring(start, cursor);
    TreeSet<String> out = new TreeSet<>();
    if (buffer.substring(0, start).isBlank() && word.startsWith(":")) {
      for (Command c : Command.values()) out.add(":" + c.word());
      return filter(out, word);
    }
    if (buffer.stripLeading().startsWith(":")) {
      // Arguments of :show / :plot are names and series.
      out.addAll(declared);
      trains.forEach((t, obs) -> obs.forEach(o -> out.add(t + "." + o.scriptName())));
      return filter(out, word);
    }
    int dot = word.lastIndexOf('.');
    if (dot >= 0) {
      String head = word.substring(0, dot);
      // A train offers what its model and data can record; another name, everything.
      for (Observable o : trains.getOrDefault(head, List.of(Observable.values()))) out.add(head + "." + o.scriptName());
      return filter(out, word);
    }
    out.addAll(KEYWORDS);
    out.addAll(declared);
    out.addAll(stdlibNames());
    // The language server's table of builtin names: one list, so the two cannot drift (the
    // REPL offered no loss, schedule, prediction, comparison or sweep function).
    out.addAll(dyn.cli.lsp.Vocabulary.all().keySet());
    out.addAll(Builtins.MODEL_KEYS);
    for (Observable o : Observable.values()) out.add(o.scriptName());
    return filter(out, word);
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':';
  }

  private static List<String> filter(TreeSet<String> all, String prefix) {
    List<String> out = new ArrayList<>();
    for (String s : all) if (s.startsWith(prefix)) out.add(s);
    return out;
  }

  /** Module names and the models and datasets they define, read once. */
  private List<String> stdlibNames() {
    if (stdlibNames != null) return stdlibNames;
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(stdlib, "*.dyn")) {
      for (Path f : files) {
        String file = f.getFileName().toString();
        names.add(file.substring(0, file.length() - 4));
        for (Stmt s : Parse.parse(Source.read(f)).script().statements()) {
          if (s instanceof Stmt.Definition) names.add(((Stmt.Definition) s).name().name());
        }
      }
    } catch (IOException | RuntimeException e) {
      // No stdlib folder: complete without its names rather than fail a keystroke.
    }
    names.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(s -> s.toLowerCase(Locale.ROOT)));
    stdlibNames = List.copyOf(names);
    return stdlibNames;
  }
}
