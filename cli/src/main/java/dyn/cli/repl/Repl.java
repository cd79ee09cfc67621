package dyn.cli.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.reader.Candidate;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code dyn repl}: the thin front end over {@link ReplSession}. At a terminal it is a JLine line
 * editor with history in {@code ~/.dyn_history} (or {@code $DYN_HISTORY}), tab completion and a
 * {@code ...} prompt for unfinished input; with piped input it reads plain lines, so scripts and
 * tests can drive it.
 */
public final class Repl {
  private Repl() {}

  static final String PROMPT = "dyn> ";
  static final String SECONDARY_PROMPT = "...  ";

  /**
   * Runs a session until {@code :quit} or end of input.
   *
   * @param in the input; the JLine editor is used only when this is {@code System.in} at a terminal
   * @param stdlib the folder of {@code import NAME} modules
   * @return the exit code: 0 (errors inside a session never end it)
   */
  public static int run(InputStream in, PrintStream out, PrintStream err, Path stdlib) {
    boolean interactive = in == System.in && System.console() != null;
    boolean color = interactive && System.getenv("NO_COLOR") == null;
    ReplSession session = new ReplSession(stdlib, Path.of("out", "repl"), color);
    if (interactive) {
      try {
        return interactive(session);
      } catch (IOException e) {
        err.println("note: no line editor (" + e.getMessage() + "); reading plain lines");
      }
    }
    return plain(session, in, out);
  }

  /** Piped input: lines accumulate until the chunk is complete; no prompts, no echo. */
  static int plain(ReplSession session, InputStream in, PrintStream out) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    StringBuilder chunk = new StringBuilder();
    try {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        chunk.append(line).append('\n');
        if (session.isIncomplete(chunk.toString())) continue;
        ReplResult r = session.submit(chunk.toString());
        chunk.setLength(0);
        if (r instanceof ReplResult.Quit) break;
        out.print(text(r));
        out.flush();
      }
    } catch (IOException e) {
      out.println("error: cannot read input: " + e.getMessage());
    }
    if (!chunk.toString().isBlank()) {
      out.println("error: input ended inside an open bracket or brace; the last chunk was not run");
    }
    out.flush();
    return 0;
  }

  private static int interactive(ReplSession session) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("dyn")
          .parser(new ChunkParser(session))
          .completer((r, line, candidates) -> {
            for (String s : session.complete(line.line(), line.cursor())) {
              // A space after keywords and commands only: a name is usually followed by ( . or ,
              boolean word = Completion.KEYWORDS.contains(s) || s.startsWith(":");
              candidates.add(new Candidate(s, s, null, null, null, null, word));
            }
          })
          .variable(LineReader.HISTORY_FILE, historyFile())
          .variable(LineReader.SECONDARY_PROMPT_PATTERN, SECONDARY_PROMPT)
          .build();
      PrintWriter out = terminal.writer();
      out.println("dyn repl: type statements, :help for commands, :quit or Ctrl-D to leave");
      out.flush();
      try {
        while (true) {
          String chunk;
          try {
            chunk = reader.readLine(PROMPT);
          } catch (UserInterruptException e) {
            continue; // Ctrl-C drops the line being typed, as in a shell.
          } catch (EndOfFileException e) {
            break;
          }
          ReplResult r = session.submit(chunk);
          if (r instanceof ReplResult.Quit) break;
          out.print(text(r));
          out.flush();
        }
      } finally {
        reader.getHistory().save();
      }
    }
    return 0;
  }

  /** What the front end prints for a result. */
  static String text(ReplResult r) {
    if (r instanceof ReplResult.Output) return ((ReplResult.Output) r).text();
    if (r instanceof ReplResult.Diagnostics) return ((ReplResult.Diagnostics) r).rendered();
    if (r instanceof ReplResult.PlanShown) return ((ReplResult.PlanShown) r).text();
    return "";
  }

  /** {@code $DYN_HISTORY}, else {@code ~/.dyn_history}. */
  static Path historyFile() {
    String env = System.getenv("DYN_HISTORY");
    if (env != null && !env.isBlank()) return Path.of(env);
    return Path.of(System.getProperty("user.home"), ".dyn_history");
  }

  /**
   * JLine's parser, told two things about dyn: an unfinished chunk raises {@link EOFError} (so
   * JLine shows the secondary prompt and keeps editing), and words for completion are
   * identifiers, dotted series and colon commands, so {@code flow(ne} completes {@code ne}.
   */
  static final class ChunkParser extends DefaultParser {
    private final ReplSession session;

    ChunkParser(ReplSession session) {
      this.session = session;
      setEscapeChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE && session.isIncomplete(line)) {
        throw new EOFError(-1, cursor, "incomplete input", ")");
      }
      return super.parse(line, cursor, context);
    }

    @Override
    public boolean isDelimiterChar(CharSequence buffer, int pos) {
      return !Completion.isWordChar(buffer.charAt(pos));
    }
  }
}
