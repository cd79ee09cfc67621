package dyn.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dyn.compiler.syntax.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The editor grammars' keywords equal the ANTLR lexer's word tokens ({@link Tokens#keywords()}
 * reads them from the generated lexer's vocabulary), so highlighting cannot drift from the
 * language; a keyword added to DynLexer.g4 fails this test until the editors know it.
 */
class EditorGrammarTest {
  static final Path EDITORS = LspSessionTest.ROOT.resolve("editors");

  @Test
  void theLexerHasTheKeywordsThisTestExpectsToFind() {
    List<String> k = Tokens.keywords();
    // A sanity floor, so an empty vocabulary cannot make the comparisons below vacuous.
    assertEquals(true, k.containsAll(List.of("import", "model", "train", "observe", "neuron", "true")), k.toString());
  }

  @Test
  void textMateKeywordsEqualTheLexers() throws IOException {
    JsonObject grammar = JsonParser.parseString(Files.readString(EDITORS.resolve("dyn.tmLanguage.json"))).getAsJsonObject();
    TreeSet<String> words = new TreeSet<>();
    for (JsonElement p : grammar.getAsJsonObject("repository").getAsJsonObject("keywords").getAsJsonArray("patterns")) {
      words.addAll(alternatives(p.getAsJsonObject().get("match").getAsString()));
    }
    assertEquals(new TreeSet<>(Tokens.keywords()), words);
  }

  @Test
  void vimKeywordsEqualTheLexers() throws IOException {
    TreeSet<String> words = new TreeSet<>();
    for (String line : Files.readAllLines(EDITORS.resolve("vim/syntax/dyn.vim"))) {
      if (!line.startsWith("syn keyword ")) continue;
      String[] parts = line.trim().split("\\s+");
      for (int i = 3; i < parts.length; i++) words.add(parts[i]);
    }
    assertEquals(new TreeSet<>(Tokens.keywords()), words);
  }

  @Test
  void theVsCodeExtensionShipsTheSameGrammar() throws IOException {
    assertEquals(Files.readString(EDITORS.resolve("dyn.tmLanguage.json")),
        Files.readString(EDITORS.resolve("vscode/syntaxes/dyn.tmLanguage.json")));
  }

  /** The words of a {@code \b(a|b|c)\b} pattern. */
  private static List<String> alternatives(String regex) {
    Matcher m = Pattern.compile("\\\\b\\(([a-z_|]+)\\)\\\\b").matcher(regex);
    List<String> out = new ArrayList<>();
    while (m.find()) for (String w : m.group(1).split("\\|")) out.add(w);
    if (out.isEmpty()) throw new AssertionError("no \\b(…)\\b keyword list in " + regex);
    return out;
  }
}
