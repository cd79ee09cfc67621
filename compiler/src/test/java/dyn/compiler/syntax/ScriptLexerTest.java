package dyn.compiler.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dyn.grammar.DynLexer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.junit.jupiter.api.Test;

/**
 * {@link ScriptLexer} against the lexer ANTLR generates from DynLexer.g4 (the specification):
 * the same tokens (type, text, line, column, code-point start and stop) on every script in the
 * repository, on mutations of them, and on random strings over the characters where the rules
 * meet (numbers and dots, quotes and backslashes, CR and LF, operators that pair, letters outside
 * ASCII and outside the BMP, newlines inside brackets before a statement keyword).
 */
class ScriptLexerTest {
  private static List<String> tokens(TokenSource lexer) {
    List<String> out = new ArrayList<>();
    while (true) {
      Token t = lexer.nextToken();
      out.add(t.getType() + " '" + t.getText() + "' " + t.getLine() + ":" + t.getCharPositionInLine()
          + " [" + t.getStartIndex() + "," + t.getStopIndex() + "] ch" + t.getChannel());
      if (t.getType() == Token.EOF) return out;
    }
  }

  private static void same(String text) {
    DynLexer antlr = new DynLexer(CharStreams.fromString(text, "t.dyn"));
    antlr.removeErrorListeners();
    assertEquals(tokens(antlr), tokens(new ScriptLexer(text, "t.dyn")), () -> "text: " + escape(text));
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
        .replace("\f", "\\f");
  }

  private static List<Path> scripts() throws IOException {
    Path root = Paths.get(System.getProperty("dyn.root", "..")).toAbsolutePath().normalize();
    List<Path> files = new ArrayList<>();
    for (String dir : new String[] {"examples", "stdlib", "bench", "tools"}) {
      Path d = root.resolve(dir);
      if (!Files.isDirectory(d)) continue;
      try (Stream<Path> walk = Files.walk(d)) {
        files.addAll(walk.filter(p -> p.toString().endsWith(".dyn")).sorted().collect(Collectors.toList()));
      }
    }
    return files;
  }

  @Test
  void everyScriptInTheRepository() throws IOException {
    List<Path> files = scripts();
    assertFalse(files.size() < 50, "found only " + files.size() + " scripts");
    for (Path f : files) same(Files.readString(f));
  }

  /** Pieces where one rule ends and another begins. */
  private static final String[] PIECES = {
    "1", "0", "12", ".", "..", "e", "E", "+", "-", "5e", "1.", ".5", "e+", "E-3", "\"", "\\", "\\\"",
    "\r", "\n", "\r\n", "\n\r", " ", "\t", "\f", "#", "# c", "(", ")", "[", "]", "{", "}", "!", "=",
    "!=", "==", "&", "|", "*", "**", ":", ":=", "<", "<=", ">", ">=", "'", "@", "^", "~", ",", "/",
    "_", "x", "x1", "σ", "é", "\uD83D\uDE00", "\u0000", "import", "import ", "\nimport ", "\nsweep ",
    "\nlet ", "\n let ", "\ncheck", "\nbackend ", "in", "int", "for", "format", "true", "falsey", "not",
    "and", "or", "neuron", "return", "require", "if", "then", "else", "at", "data", "dataset"
  };

  @Test
  void randomStringsOverTheBoundaries() {
    Random rng = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = rng.nextInt(12);
      for (int k = 0; k < n; k++) sb.append(PIECES[rng.nextInt(PIECES.length)]);
      same(sb.toString());
    }
  }

  @Test
  void mutatedScripts() throws IOException {
    Random rng = new Random(5);
    for (Path f : scripts()) {
      String text = Files.readString(f);
      same(text.replace("\n", "\r\n"));
      for (int m = 0; m < 8; m++) {
        int a = rng.nextInt(text.length() + 1);
        int b = Math.min(text.length(), a + rng.nextInt(40));
        String piece = PIECES[rng.nextInt(PIECES.length)];
        switch (m % 4) {
          case 0 -> same(text.substring(0, a)); // cut short: open strings, brackets, comments
          case 1 -> same(text.substring(0, a) + text.substring(b)); // a piece deleted
          case 2 -> same(text.substring(0, a) + piece + text.substring(a)); // a piece inserted
          default -> same(text.substring(0, a) + piece + text.substring(b)); // a piece replaced
        }
      }
    }
  }

  @Test
  void edgesSpelledOut() {
    for (String s : new String[] {
      "", "\"abc", "\"abc\\", "\"a\\\"b\"", "\"a\\\nb\"", "1.5e+3", "1.e5", "1.5.3", "1..3", "a\r\r\nb",
      " \r\n", "f(1,\n2)", "f(1,\nlet x = 1)", "f(1,\nletx = 1)", "{(\n}", "x # c\r\ny", "!", "a&b",
      "\uD83D\uDE00x\n\"\uD83D\uDE00\" y", "\r", "\\"
    }) {
      same(s);
    }
  }
}
