package dyn.compiler;

import dyn.compiler.plan.Plan;
import dyn.compiler.source.Source;
import java.nio.file.Path;
import java.util.Map;

/**
 * The compiler facade: source text in, a {@link Plan} or diagnostics out. Never throws for a bad
 * script; every problem becomes a diagnostic with a span.
 */
public final class Compiler {
  private Compiler() {}

  /**
   * Compiles a script.
   *
   * @param source the script
   * @param options command-line overrides and where the stdlib lives
   */
  public static Compilation compile(Source source, Options options) {
    throw new UnsupportedOperationException("compiler not implemented yet");
  }

  /**
   * Compilation options.
   *
   * @param overrides {@code param} values given on the command line ({@code alpha=1e-6}); the raw
   *     text, so the checker can report a malformed value with its name
   * @param stdlibDir the folder holding {@code NAME.dyn} for {@code import NAME}
   */
  public record Options(Map<String, String> overrides, Path stdlibDir) {
    public Options {
      overrides = Map.copyOf(overrides);
    }
  }
}
