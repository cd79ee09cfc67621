package dyn.runtime.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dyn.compiler.plan.ParamSpec;
import dyn.compiler.plan.ParamsSpec;
import dyn.runtime.backend.Matrix;
import dyn.runtime.model.Parameters;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A train's parameters θ at chosen instants, written so a run can be replayed outside dyn.
 *
 * <p>{@code .npz}: one float64 array per tensor and snapshot, keyed {@code LABEL/NAME} (e.g.
 * {@code init/W1}, {@code final/W1}), shaped as dyn holds it (a {@code [d]} vector is d×1), plus
 * {@code t} (the snapshots' times) and, for step-based trains, {@code step}. {@code .json}: the
 * same numbers as nested row-major arrays with the train, model and each tensor's
 * parametrization multipliers. Tensors are the stored (trained) values; a parametrization's
 * forward multiplier n^{−a} is applied on top of them in the forward pass.
 */
public final class ParamsSink {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ParamsSink() {}

  /**
   * θ at one instant.
   *
   * @param label the key prefix ({@code init}, {@code final})
   * @param t the time on the gradient-flow axis
   * @param step the step count for GD/SGD, or -1 for gradient flow
   */
  public record Snapshot(String label, double t, long step, Parameters theta) {}

  /**
   * Writes the snapshots in the given format to out (not closed).
   *
   * @param lrMultipliers per tensor, the multiplier its steps were taken with (the JSON's
   *     {@code lr_multiplier})
   */
  public static void write(OutputStream out, ParamsSpec.Format format, String train, String model,
      List<ParamSpec> specs, double[] lrMultipliers, List<Snapshot> snapshots) throws IOException {
    if (format == ParamsSpec.Format.NPZ) npz(out, specs, snapshots);
    else json(out, train, model, specs, lrMultipliers, snapshots);
  }

  private static void npz(OutputStream out, List<ParamSpec> specs, List<Snapshot> snapshots)
      throws IOException {
    Npy.Archive a = new Npy.Archive(out);
    double[] t = new double[snapshots.size()];
    double[] steps = new double[snapshots.size()];
    boolean stepped = true;
    for (int s = 0; s < snapshots.size(); s++) {
      Snapshot snap = snapshots.get(s);
      t[s] = snap.t();
      steps[s] = snap.step();
      stepped &= snap.step() >= 0;
      for (int p = 0; p < specs.size(); p++) {
        Matrix m = snap.theta().values().get(p);
        a.add(snap.label() + "/" + specs.get(p).name(), new int[] {m.rows, m.cols}, m.data);
      }
    }
    a.add("t", new int[] {t.length}, t);
    if (stepped) a.add("step", new int[] {steps.length}, steps);
    a.finish();
  }

  private static void json(OutputStream out, String train, String model, List<ParamSpec> specs,
      double[] lrMultipliers, List<Snapshot> snapshots) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("train", train);
      g.writeStringField("model", model);
      g.writeArrayFieldStart("tensors");
      for (int i = 0; i < specs.size(); i++) {
        ParamSpec p = specs.get(i);
        g.writeStartObject();
        g.writeStringField("name", p.name());
        g.writeArrayFieldStart("shape");
        g.writeNumber(p.rows());
        g.writeNumber(p.cols());
        g.writeEndArray();
        g.writeNumberField("forward_multiplier", p.scaling().forward());
        g.writeNumberField("lr_multiplier", lrMultipliers[i]);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("snapshots");
      for (Snapshot s : snapshots) {
        g.writeStartObject();
        g.writeStringField("label", s.label());
        g.writeNumberField("t", s.t());
        if (s.step() >= 0) g.writeNumberField("step", s.step());
        g.writeObjectFieldStart("params");
        for (int p = 0; p < specs.size(); p++) {
          Matrix m = s.theta().values().get(p);
          g.writeArrayFieldStart(specs.get(p).name());
          for (int r = 0; r < m.rows; r++) {
            g.writeStartArray();
            // Jackson writes Double.toString's text, which reads back to the same double.
            for (int c = 0; c < m.cols; c++) g.writeNumber(m.data[r * m.cols + c]);
            g.writeEndArray();
          }
          g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }
}
