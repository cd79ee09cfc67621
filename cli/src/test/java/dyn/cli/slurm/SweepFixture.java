package dyn.cli.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A hand-made sweep folder in the files of the sweep contract (no dyn involved). */
final class SweepFixture {
  private SweepFixture() {}

  /** Writes sweep-grid/tasks.tsv with six points over (gamma, lr); keys k0…k5. */
  static Path tasks(Path out) throws IOException {
    Path sweep = out.resolve("sweep-grid");
    Files.createDirectories(sweep);
    StringBuilder sb = new StringBuilder("task\tgamma\tlr\tkey\n");
    String[] gammas = {"0.1", "1", "10"};
    String[] lrs = {"0.01", "0.1"};
    int t = 0;
    for (String g : gammas) {
      for (String lr : lrs) {
        sb.append(t).append('\t').append(g).append('\t').append(lr).append("\tk").append(t).append('\n');
        t++;
      }
    }
    Files.writeString(sweep.resolve("tasks.tsv"), sb.toString());
    return sweep.resolve("tasks.tsv");
  }

  static void result(Path sweep, int task, String key, String status) throws IOException {
    Path dir = sweep.resolve("points").resolve(Integer.toString(task));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("result.json"), "{\"task\": " + task + ", \"key\": \"" + key + "\", \"status\": \""
        + status + "\", \"params\": {\"gamma\": 1, \"lr\": 0.1}, \"metrics\": {\"diverged\": 0, \"final_loss\": 0.5, \"curve\": [1, 2]}"
        + (status.equals("failed") ? ", \"message\": \"diverged\"" : "") + ", \"seconds\": 1.5}");
  }

  /** Points 0 and 5 done, 1 failed, 2 done under an old key, 3 never ran, 4 unparsable. */
  static Path mixed(Path out) throws IOException {
    Path tsv = tasks(out);
    Path sweep = tsv.getParent();
    result(sweep, 0, "k0", "ok");
    result(sweep, 1, "k1", "failed");
    result(sweep, 2, "old", "ok");
    Path p4 = sweep.resolve("points/4");
    Files.createDirectories(p4);
    Files.writeString(p4.resolve("result.json"), "{\"task\": 4, \"key\": \"k4\", \"status\": \"ok\"");
    result(sweep, 5, "k5", "ok");
    return tsv;
  }
}
