package dyn.runtime.sink;

import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.Dynamics;
import dyn.compiler.plan.Graph;
import dyn.compiler.plan.ModelStep;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.Plan;
import dyn.compiler.plan.Step;
import dyn.compiler.plan.TrainStep;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The record of one run, written as {@code manifest.json} beside its outputs: what ran (script
 * path, SHA-256 and text, command line, overrides, resolved params, every seed), on what (dyn
 * version, backend, Java), when, how it ended, and the SHA-256 of every file it wrote. With it a
 * result file can be traced to the exact study that made it, and re-made.
 *
 * <p>Filled in as the run goes ({@link #forPlan}, then the setters, then {@link #finish}) and
 * written atomically by {@link #write}. A sweep writes one per point and one for the whole sweep
 * ({@link #property} carries a point's coordinates). The JSON layout is in docs/OUTPUTS.md and in
 * {@link ManifestJson}.
 */
public final class Manifest {
  /** The manifest's file name in an output folder. */
  public static final String FILE = "manifest.json";

  /** How the run ended. */
  public enum Status {
    /** Ran to the end; every check and comparison passed. */
    OK("ok"),
    /** Ran to the end; a check or comparison failed (exit 1). */
    CHECKS_FAILED("checks_failed"),
    /** A step failed (exit 3); only files written whole before the failure are listed. */
    FAILED("failed");

    final String json;

    Status(String json) {
      this.json = json;
    }
  }

  /** A file the run wrote: its path relative to the output folder, SHA-256 (hex) and size. */
  public record Output(String path, String sha256, long bytes) {}

  /**
   * The randomness of one plan step.
   *
   * @param step the step's label, e.g. {@code "model net"}
   * @param kind {@code "seed"} for a model's init seed, {@code "streams"} for a dataset's counter
   *     streams (derived from the dataset's seed), {@code "stream"} for an SGD batch stream
   * @param values the seed or stream ids
   */
  public record Seed(String step, String kind, List<Long> values) {
    public Seed {
      values = List.copyOf(values);
    }
  }

  final Plan plan;
  String scriptSha256;
  String scriptText;
  List<String> command = List.of();
  Map<String, String> overrides = Map.of();
  String backend = "cpu";
  Instant started;
  Instant finished;
  double seconds = Double.NaN;
  Status status;
  int exitCode = -1;
  final List<Output> outputs = new ArrayList<>();
  final List<String> failures = new ArrayList<>();
  final Map<String, String> properties = new LinkedHashMap<>();

  private Manifest(Plan plan) {
    this.plan = plan;
  }

  /** A manifest of a run of this plan (script path, params and seeds come from it). */
  public static Manifest forPlan(Plan plan) {
    return new Manifest(plan);
  }

  /** Records the script's text and its SHA-256 (of the UTF-8 bytes). */
  public Manifest script(String text) {
    this.scriptText = text;
    this.scriptSha256 = scriptDigest(text);
    return this;
  }

  /** The last script digested and its digest: a sweep writes one manifest per point, same script. */
  private static volatile String[] lastScript = {"", sha256(new byte[0])};

  /**
   * The script's SHA-256, computed once for a script that every point of a sweep records (741
   * digests of the same text were 8% of a small sweep's samples).
   */
  private static String scriptDigest(String text) {
    String[] last = lastScript;
    if (last[0].equals(text)) return last[1];
    String sha = sha256(text.getBytes(StandardCharsets.UTF_8));
    lastScript = new String[] {text, sha};
    return sha;
  }

  /** The command line as given, e.g. {@code [run, saddle.dyn, alpha=1e-6, --out, o]}. */
  public Manifest command(List<String> args) {
    this.command = List.copyOf(args);
    return this;
  }

  /** The {@code NAME=VALUE} overrides as given on the command line, in order. */
  public Manifest overrides(Map<String, String> overrides) {
    this.overrides = new LinkedHashMap<>(overrides);
    return this;
  }

  /** Where the numbers were computed ({@code cpu}, {@code cuda}). */
  public Manifest backend(String backend) {
    this.backend = backend;
    return this;
  }

  /** A free key/value pair, e.g. a sweep point's coordinate {@code lr = 0.01}. */
  public Manifest property(String key, String value) {
    properties.put(key, value);
    return this;
  }

  /** When the run started. */
  public Manifest started(Instant when) {
    this.started = when;
    return this;
  }

  /** Hashes a file the run wrote; {@code file} must lie inside {@code outDir}. */
  public Manifest output(Path outDir, Path file) throws IOException {
    outputs.add(new Output(relative(outDir, file), sha256(file), Files.size(file)));
    return this;
  }

  /**
   * Records a file the run wrote from its bytes as just read (a sweep's gather has read every
   * point's result already); {@code file} must lie inside {@code outDir}.
   */
  public Manifest output(Path outDir, Path file, byte[] bytes) {
    outputs.add(new Output(relative(outDir, file), sha256(bytes), bytes.length));
    return this;
  }

  private static String relative(Path outDir, Path file) {
    Path rel = outDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
    return rel.toString().replace('\\', '/');
  }

  /**
   * How the run ended.
   *
   * @param status ok, checks failed, or failed
   * @param exitCode the process exit code
   * @param when when it ended
   * @param seconds the run's duration by the monotonic clock (the wall clock may jump)
   * @param failures one line per failed step (empty unless failed)
   */
  public Manifest finish(Status status, int exitCode, Instant when, double seconds, List<String> failures) {
    this.status = status;
    this.exitCode = exitCode;
    this.finished = when;
    this.seconds = seconds;
    this.failures.clear();
    this.failures.addAll(failures);
    return this;
  }

  /** Writes {@code outDir/manifest.json} atomically and returns its path. */
  public Path write(Path outDir) throws IOException {
    Path file = outDir.resolve(FILE);
    AtomicFiles.write(file, out -> ManifestJson.write(out, this));
    return file;
  }

  /** Every seed and random stream of the plan, in plan order. */
  public static List<Seed> seeds(Plan plan) {
    List<Seed> seeds = new ArrayList<>();
    for (Step s : plan.steps()) {
      if (s instanceof ModelStep) {
        seeds.add(new Seed(s.label(), "seed", List.of(((ModelStep) s).init().seed())));
      } else if (s instanceof DataStep) {
        List<Long> streams = new ArrayList<>();
        for (Graph.Node n : ((DataStep) s).graph().nodes()) {
          if (n.op() instanceof Op.Normal) streams.add(((Op.Normal) n.op()).stream());
          if (n.op() instanceof Op.Orthogonal) streams.add(((Op.Orthogonal) n.op()).stream());
          if (n.op() instanceof Op.Shuffle) streams.add(((Op.Shuffle) n.op()).stream());
          if (n.op() instanceof Op.Corrupt) streams.add(((Op.Corrupt) n.op()).stream());
          if (n.op() instanceof Op.Mask) streams.add(((Op.Mask) n.op()).stream());
        }
        seeds.add(new Seed(s.label(), "streams", streams));
      } else if (s instanceof TrainStep && ((TrainStep) s).dynamics() instanceof Dynamics.Sgd) {
        seeds.add(new Seed(s.label(), "stream", List.of(((Dynamics.Sgd) ((TrainStep) s).dynamics()).stream())));
      }
    }
    return seeds;
  }

  /** The dyn version this runtime was built as (the Maven project version), or "unknown". */
  public static String dynVersion() {
    return Version.TEXT;
  }

  /**
   * Read once: the jar does not change under a running process, and a sweep writes a manifest
   * per point (the resource lookup and Properties parse were ~10% of a point's CPU samples).
   */
  private static final class Version {
    static final String TEXT = read();

    private static String read() {
      try (InputStream in = Manifest.class.getResourceAsStream("/dyn/runtime/version.properties")) {
        if (in == null) return "unknown";
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
      } catch (IOException e) {
        return "unknown";
      }
    }
  }

  /** The SHA-256 of a file's bytes, as 64 lowercase hex digits. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
    }
    return hex(md.digest());
  }

  /** The SHA-256 of bytes, as 64 lowercase hex digits. */
  public static String sha256(byte[] bytes) {
    return hex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder(2 * b.length);
    for (byte x : b) sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
    return sb.toString();
  }
}
