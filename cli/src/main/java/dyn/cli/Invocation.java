package dyn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * One parsed command line: the subcommand, its script, {@code NAME=VALUE} overrides and options.
 * commons-cli has no subcommands, so each subcommand has its own {@link Options}.
 */
final class Invocation {
  private static final Pattern OVERRIDE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

  final String command;
  final CommandLine line;
  final Path script;
  final Map<String, String> overrides;
  /** The whole command line, subcommand first, for the run manifest. */
  final List<String> args;
  /**
   * Where a search's batches run when not here: set only by {@code dyn sweep --on slurm}, which
   * runs {@code dyn run} in its own process; null for the local thread pool.
   */
  dyn.runtime.search.BatchRunner searchBatches;

  private Invocation(String command, CommandLine line, Path script, Map<String, String> overrides, List<String> args) {
    this.command = command;
    this.line = line;
    this.script = script;
    this.overrides = overrides;
    this.args = args;
  }

  /** A usage error, with the message shown to the user. */
  static final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }

  /** The subcommands and their one-line descriptions. */
  static final Map<String, String> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("run", "compile and run a study; print its tables and check verdicts");
    COMMANDS.put("check", "compile a study and report problems, without running it");
    COMMANDS.put("plan", "print the execution plan a study compiles to");
    COMMANDS.put("sweep", "run a script's sweep here or as a Slurm job array (--on local|slurm)");
    COMMANDS.put("repl", "an interactive session: define data, models and trains step by step");
    COMMANDS.put("gather", "collect the finished points of a sweep: tables, fits, checks");
    COMMANDS.put("lsp", "a language server for editors, on stdin/stdout (editors/README.md)");
  }

  /** The options of a subcommand. */
  static Options options(String command) {
    Options o = new Options();
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    o.addOption(Option.builder().longOpt("debug").desc("show Java stack traces of internal errors").get());
    o.addOption(Option.builder().longOpt("color").desc("colour diagnostics even when stdout is not a terminal").get());
    if (command.equals("run")) {
      o.addOption(Option.builder("o").longOpt("out").hasArg().argName("DIR")
          .desc("folder for CSV/JSON reports (default out/<script name>)").get());
      o.addOption(Option.builder().longOpt("backend").hasArg().argName("cpu|auto|cuda")
          .desc("where to compute (default cpu)").get());
      o.addOption(Option.builder("v").longOpt("verbose").desc("print timings and written files on stderr").get());
      o.addOption(Option.builder().longOpt("progress").hasArg().argName("auto|bar|lines|off")
          .desc("progress of long steps on stderr (default auto: a bar on a terminal, else lines)").get());
    }
    addSweepOptions(o, command);
    if (command.equals("plan")) {
      o.addOption(Option.builder().longOpt("json").desc("print the plan as JSON").get());
    }
    return o;
  }

  /** The sweep contract's options (docs/SWEEPS.md): on `run` and `gather`. */
  private static void addSweepOptions(Options o, String command) {
    if (command.equals("gather")) {
      o.addOption(Option.builder("o").longOpt("out").hasArg().argName("DIR")
          .desc("the sweep's output folder (default out/<script name>)").get());
      o.addOption(Option.builder("v").longOpt("verbose").desc("print written files on stderr").get());
    }
    if (!command.equals("run") && !command.equals("gather")) return;
    o.addOption(Option.builder().longOpt("sweep").hasArg().argName("NAME")
        .desc("the sweep to prepare, run or gather (a script has one for now)").get());
    if (command.equals("gather")) return;
    o.addOption(Option.builder().longOpt("prepare").desc("sweep: only write the task list DIR/sweep-NAME/tasks.tsv").get());
    o.addOption(Option.builder().longOpt("task").hasArg().argName("I|I-J")
        .desc("sweep: run only point I (0-based), or points I to J, unless already done").get());
    o.addOption(Option.builder("j").longOpt("jobs").hasArg().argName("K")
        .desc("sweep: run K points at once (default: the number of cores)").get());
    o.addOption(Option.builder().longOpt("batch").hasArg().argName("B")
        .desc("sweep: run up to B points of the same plan shape as one batched program (default "
            + dyn.runtime.sweep.SweepRunner.DEFAULT_BATCH + "; 1: each point alone)").get());
  }

  /** Parses the arguments after the subcommand. */
  static Invocation parse(String command, String[] rest) throws UsageError {
    CommandLine line;
    try {
      line = DefaultParser.builder().get().parse(options(command), rest);
    } catch (MissingArgumentException e) {
      Option o = e.getOption();
      throw new UsageError("option --" + o.getLongOpt() + " needs a value: --" + o.getLongOpt() + " " + o.getArgName());
    } catch (UnrecognizedOptionException e) {
      List<String> longs = new ArrayList<>();
      for (Option o : options(command).getOptions()) if (o.getLongOpt() != null) longs.add("--" + o.getLongOpt());
      String given = e.getOption().contains("=") ? e.getOption().substring(0, e.getOption().indexOf('=')) : e.getOption();
      throw new UsageError("unknown option `" + e.getOption() + "` for `dyn " + command + "`"
          + dyn.compiler.diag.Suggest.closest(given, longs).map(o -> " (did you mean `" + o + "`?)").orElse("")
          + "; `dyn " + command + " --help` lists them");
    } catch (ParseException e) {
      throw new UsageError(e.getMessage());
    }
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of(rest));
    if (line.hasOption("help")) return new Invocation(command, line, null, Map.of(), args);
    Path script = null;
    Map<String, String> overrides = new LinkedHashMap<>();
    // A malformed NAME=VALUE is named first: it would otherwise pass for a (second) script name.
    for (String arg : line.getArgList()) {
      if (arg.contains("=") && !arg.endsWith(".dyn") && !OVERRIDE.matcher(arg).matches()) {
        throw new UsageError(notAnOverride(arg));
      }
    }
    for (String arg : line.getArgList()) {
      if (OVERRIDE.matcher(arg).matches() && !arg.endsWith(".dyn")) {
        int eq = arg.indexOf('=');
        String name = arg.substring(0, eq);
        if (overrides.put(name, arg.substring(eq + 1)) != null) {
          throw new UsageError("parameter `" + name + "` is given twice");
        }
      } else if (script == null) {
        script = Path.of(arg);
      } else {
        throw new UsageError("one script at a time (got `" + script + "` and `" + arg + "`)");
      }
    }
    if (script == null) throw new UsageError("no script given");
    return new Invocation(command, line, script, overrides, List.copyOf(args));
  }

  /** Why an argument with {@code =} is not {@code NAME=VALUE} (it would otherwise pass for a script name). */
  private static String notAnOverride(String arg) {
    if (arg.equals("=")) return "a lone `=`: write NAME=VALUE without spaces, e.g. lr=0.1";
    String name = arg.substring(0, arg.indexOf('='));
    if (name.isEmpty()) return "`" + arg + "` has no parameter name: write NAME=VALUE, e.g. lr" + arg;
    return "`" + arg + "`: `" + name + "` is not a parameter name (letters, digits and _, not starting with a digit)";
  }

  /** The help text of a subcommand. */
  static String help(String command) {
    StringBuilder sb = new StringBuilder("usage: dyn ").append(command).append(" SCRIPT.dyn [NAME=VALUE …] [options]\n");
    sb.append("  ").append(COMMANDS.get(command)).append("\n\noptions:\n");
    appendOptions(sb, options(command).getOptions());
    return sb.toString();
  }

  /** The top-level help. */
  static String help() {
    StringBuilder sb = new StringBuilder("usage: dyn COMMAND SCRIPT.dyn [NAME=VALUE …] [options]\n\ncommands:\n");
    for (Map.Entry<String, String> c : COMMANDS.entrySet()) {
      sb.append(String.format(java.util.Locale.ROOT, "  %-7s %s%n", c.getKey(), c.getValue()));
    }
    sb.append("\nNAME=VALUE overrides a script `param`. `dyn COMMAND --help` lists a command's options.\n");
    sb.append("exit codes: 0 ok, 1 a check failed, 2 usage or script error, 3 runtime failure\n");
    return sb.toString();
  }

  private static void appendOptions(StringBuilder sb, Collection<Option> options) {
    List<String[]> rows = new ArrayList<>();
    int width = 0;
    for (Option o : options) {
      String names = (o.getOpt() != null ? "-" + o.getOpt() + ", " : "    ") + "--" + o.getLongOpt()
          + (o.hasArg() ? " " + o.getArgName() : "");
      rows.add(new String[] {names, o.getDescription()});
      width = Math.max(width, names.length());
    }
    for (String[] r : rows) {
      sb.append("  ").append(r[0]).append(" ".repeat(width - r[0].length() + 2)).append(r[1]).append('\n');
    }
  }
}
