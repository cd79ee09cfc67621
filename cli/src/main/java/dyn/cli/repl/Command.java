package dyn.cli.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The REPL's colon commands, matched by unique prefix ({@code :q} is {@code :quit}). */
enum Command {
  LOAD("FILE", "add the statements of a .dyn file to the session"),
  PLAN("", "print the plan of everything defined so far"),
  SHOW("NAME", "print a statement's source (and a train's final values)"),
  SAVE("FILE", "write the session as a script (runs with dyn run FILE)"),
  PLOT("SERIES…", "text plot of recorded series, e.g. :plot gf.loss gd.loss"),
  RESET("", "forget every definition"),
  HELP("", "this help"),
  QUIT("", "leave the REPL (Ctrl-D works too)");

  final String args;
  final String description;

  Command(String args, String description) {
    this.args = args;
    this.description = description;
  }

  /** The name as typed, without the colon. */
  String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Commands whose name starts with {@code prefix} (an exact name wins over longer ones). */
  static List<Command> matching(String prefix) {
    List<Command> out = new ArrayList<>();
    for (Command c : values()) {
      if (c.word().equals(prefix)) return List.of(c);
      if (c.word().startsWith(prefix)) out.add(c);
    }
    return out;
  }
}
