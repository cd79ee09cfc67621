package dyn.cli.slurm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs an external command and collects its output; tests replace it with canned answers. */
@FunctionalInterface
public interface Shell {
  /**
   * The outcome of one command.
   *
   * @param code the exit status (127 when the command could not be started)
   * @param out standard output
   * @param err standard error (or why the command could not be started)
   */
  record Result(int code, String out, String err) {
    /** Whether the command exited with status 0. */
    public boolean ok() {
      return code == 0;
    }
  }

  /** Runs {@code argv} (no shell in between) and waits for it. */
  Result exec(List<String> argv);

  /** The real thing: {@link ProcessBuilder}, inheriting the environment (SLURM_CONF included). */
  static Shell system() {
    return argv -> {
      Process p;
      try {
        p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      } catch (IOException e) {
        return new Result(127, "", "cannot run " + argv.get(0) + ": " + e.getMessage());
      }
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
      String out = drain(p.getInputStream());
      try {
        return new Result(p.waitFor(), out, err.join());
      } catch (InterruptedException e) {
        p.destroy();
        Thread.currentThread().interrupt();
        return new Result(130, out, "interrupted");
      }
    };
  }

  private static String drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
