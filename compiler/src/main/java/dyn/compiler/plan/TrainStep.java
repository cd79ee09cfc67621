package dyn.compiler.plan;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Train a model instance on a dataset and record observables on a time grid.
 *
 * <p>Training starts from a copy of the θ(0) drawn by model step {@code model}, so several train
 * steps from one model start at the same point. Times are gradient-flow time of the step's
 * loss: GD and SGD step k sits at t = k·lr.
 *
 * @param model id of the {@link ModelStep}
 * @param data id of the {@link DataStep}
 * @param loss the objective
 * @param dynamics how θ moves
 * @param times the times the training stops to record at: increasing, first entry 0, the union
 *     of the grids of its observables
 * @param observables what is recorded
 * @param observableTimes the grid of each observable recorded at fewer times than {@code times}
 *     (a script that observes it on a grid of its own): increasing, a subset of {@code times},
 *     starting at 0. An observable absent from the map is recorded at every time of
 *     {@code times}; {@link #timesOf} reads either. Entries equal to {@code times} are dropped,
 *     so that two steps that record the same things at the same times are equal.
 * @param fourierPower the settings of {@link Observable#FOURIER_POWER}: present exactly when it is
 *     among {@code observables}
 * @param layerSpectra the settings of {@link Observable#LAYER_SINGULAR_VALUES}: present exactly
 *     when it is among {@code observables}
 * @param precision the arithmetic of the forward and backward passes ({@code dtype = "float32"})
 * @param barlowTwins the settings of {@link Loss#BARLOW_TWINS}: present exactly when it is the loss
 */
public record TrainStep(
    int id,
    String name,
    Origin origin,
    int model,
    int data,
    Loss loss,
    Dynamics dynamics,
    List<Double> times,
    List<Observable> observables,
    Map<Observable, List<Double>> observableTimes,
    Optional<FourierPower> fourierPower,
    Optional<LayerSpectra> layerSpectra,
    Precision precision,
    Optional<BarlowTwins> barlowTwins)
    implements Step {
  public TrainStep {
    if (barlowTwins.isPresent() != (loss == Loss.BARLOW_TWINS)) {
      throw new IllegalArgumentException(
          "barlow_twins settings must be given exactly when it is the loss");
    }
    times = List.copyOf(times);
    observables = List.copyOf(observables);
    observableTimes = ownGrids(times, observables, observableTimes);
    if (fourierPower.isPresent() != observables.contains(Observable.FOURIER_POWER)) {
      throw new IllegalArgumentException(
          "fourier_power settings must be given exactly when fourier_power is observed");
    }
    if (layerSpectra.isPresent() != observables.contains(Observable.LAYER_SINGULAR_VALUES)) {
      throw new IllegalArgumentException("layer_singular_values settings must be given exactly"
          + " when layer_singular_values is observed");
    }
  }

  /** A train step whose observables are all recorded at every time of {@code times}. */
  public TrainStep(int id, String name, Origin origin, int model, int data, Loss loss,
      Dynamics dynamics, List<Double> times, List<Observable> observables,
      Optional<FourierPower> fourierPower, Optional<LayerSpectra> layerSpectra,
      Precision precision, Optional<BarlowTwins> barlowTwins) {
    this(id, name, origin, model, data, loss, dynamics, times, observables, Map.of(),
        fourierPower, layerSpectra, precision, barlowTwins);
  }

  /** A train step with a supervised loss (no Barlow Twins settings). */
  public TrainStep(int id, String name, Origin origin, int model, int data, Loss loss,
      Dynamics dynamics, List<Double> times, List<Observable> observables,
      Optional<FourierPower> fourierPower, Optional<LayerSpectra> layerSpectra,
      Precision precision) {
    this(id, name, origin, model, data, loss, dynamics, times, observables, fourierPower,
        layerSpectra, precision, Optional.empty());
  }

  /** A train step in float64 (the default precision) that records no layer spectra. */
  public TrainStep(int id, String name, Origin origin, int model, int data, Loss loss,
      Dynamics dynamics, List<Double> times, List<Observable> observables,
      Optional<FourierPower> fourierPower) {
    this(id, name, origin, model, data, loss, dynamics, times, observables, fourierPower,
        Optional.empty(), Precision.FLOAT64);
  }

  /** A train step that records neither {@link Observable#FOURIER_POWER} nor layer spectra. */
  public TrainStep(int id, String name, Origin origin, int model, int data, Loss loss,
      Dynamics dynamics, List<Double> times, List<Observable> observables) {
    this(id, name, origin, model, data, loss, dynamics, times, observables, Optional.empty());
  }

  /** The times at which {@code o} is recorded: its own grid, or all of {@link #times}. */
  public List<Double> timesOf(Observable o) {
    return observableTimes.getOrDefault(o, times);
  }

  /** Whether every observable is recorded at every time of {@link #times}. */
  public boolean sharedGrid() {
    return observableTimes.isEmpty();
  }

  /** The own grids, checked, in the order of {@code observables}, without those equal to times. */
  private static Map<Observable, List<Double>> ownGrids(List<Double> times,
      List<Observable> observables, Map<Observable, List<Double>> given) {
    Set<Double> all = new HashSet<>(times);
    Map<Observable, List<Double>> out = new LinkedHashMap<>();
    for (Map.Entry<Observable, List<Double>> e : given.entrySet()) {
      if (!observables.contains(e.getKey())) {
        throw new IllegalArgumentException(
            "a grid is given for " + e.getKey().scriptName() + ", which is not observed");
      }
      List<Double> own = e.getValue();
      for (int i = 0; i < own.size(); i++) {
        if (!all.contains(own.get(i)) || (i > 0 && !(own.get(i) > own.get(i - 1)))) {
          throw new IllegalArgumentException("the times of " + e.getKey().scriptName()
              + " must be an increasing subset of the train's times");
        }
      }
    }
    for (Observable o : observables) {
      List<Double> own = given.get(o);
      if (own != null && !own.equals(times)) out.put(o, List.copyOf(own));
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public List<Integer> dependsOn() {
    return model < data ? List.of(model, data) : List.of(data, model);
  }

  /**
   * The arithmetic of a training's forward and backward passes. In FLOAT32 the data, weights
   * and activations of each pass are single precision; θ and the update θ ← θ − lr·∇L stay
   * float64, and recorded observables are evaluated in float64 from that θ.
   */
  public enum Precision {
    FLOAT64,
    FLOAT32;

    /** The name scripts use: {@code float64}, {@code float32}. */
    public String scriptName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Objectives: the mean over samples of a per-sample loss (docs/LANGUAGE.md, Losses). */
  public enum Loss {
    /** L(θ) = (1/2n) Σ_μ ‖y_μ − f(x_μ; θ)‖². */
    MSE,
    /** Softmax cross-entropy over the outputs: (1/n) Σ_μ (logsumexp f_μ − f_μ[y_μ]). */
    CROSS_ENTROPY,
    /** Binary logistic (1/n) Σ_μ log(1 + e^{−y_μ f_μ}), one output, labels ±1. */
    LOGISTIC,
    /** Binary hinge (1/n) Σ_μ max(0, 1 − y_μ f_μ), one output, labels ±1. */
    HINGE,
    /**
     * Barlow Twins on paired views (reference §5): Σ_i (1 − C_ii)² + λ Σ_{i≠j} C_ij² with
     * C = (1/2n) Σ_μ (f(x_μ) f(x′_μ)ᵀ + f(x′_μ) f(x_μ)ᵀ); λ is {@link TrainStep#barlowTwins()}.
     */
    BARLOW_TWINS;

    /** The name scripts use: {@code mse}, {@code cross_entropy}, {@code logistic}, {@code hinge}. */
    public String scriptName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the loss compares two views of each sample instead of an output with labels. */
    public boolean paired() {
      return this == BARLOW_TWINS;
    }
  }

  /**
   * The settings of {@link Loss#BARLOW_TWINS}.
   *
   * @param offDiagonal λ, the weight of the off-diagonal (redundancy) terms, ≥ 0
   */
  public record BarlowTwins(double offDiagonal) {}
}
