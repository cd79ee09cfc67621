package dyn.compiler.diag;

import java.util.List;

/**
 * Renders diagnostics the one way dyn shows them:
 *
 * <pre>
 * examples/errors/typo.dyn:12:27: error: unknown activation `rleu`
 *    12 |   hidden = dense(64, act = rleu)
 *       |                            ^^^^
 *    = help: did you mean `relu`?
 * </pre>
 */
public final class Renderer {
  private Renderer() {}

  /** Renders all diagnostics, each followed by a blank line, then a summary line when there are errors. */
  public static String render(List<Diagnostic> diagnostics, boolean color) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Renders one diagnostic (no trailing blank line). */
  public static String render(Diagnostic d, boolean color) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
