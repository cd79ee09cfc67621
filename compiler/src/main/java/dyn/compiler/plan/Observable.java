package dyn.compiler.plan;

/** Quantities recorded along a training run. */
public enum Observable {
  /** Train loss (scalar). */
  LOSS("loss"),
  /** Test loss on x_test, y_test (scalar); requires a test split. */
  TEST_LOSS("test_loss"),
  /** ‖θ_i‖ for each neuron of the model's decomposition (vector). */
  NEURON_NORMS("neuron_norms"),
  /** Singular values of the end-to-end linear map, descending (vector); linear models only. */
  SINGULAR_VALUES("singular_values"),
  /** ‖θ‖ over all parameters (scalar). */
  PARAM_NORM("param_norm"),
  /**
   * Fourier power of the neurons' weights in frequency bins k = 0 … ⌊P/2⌋ (vector); models with
   * a neuron decomposition only. The period P is {@link TrainStep#fourierPower()}.
   */
  FOURIER_POWER("fourier_power");

  private final String scriptName;

  Observable(String scriptName) {
    this.scriptName = scriptName;
  }

  /**
   * True for observables with one value per neuron, singular value or frequency: their series
   * have several components, which tables number {@code [0]}, {@code [1]}, … and checks compare
   * all together unless one is picked with {@code [k]}.
   */
  public boolean isVector() {
    return this == NEURON_NORMS || this == SINGULAR_VALUES || this == FOURIER_POWER;
  }

  /**
   * Whether a train of this model on data with or without a test split can record this
   * observable: test_loss needs a test split, singular_values a model linear in x, neuron_norms
   * and fourier_power a neuron decomposition. The one rule: the checker reports why not
   * (Observations), the REPL completes {@code gf.} with only these.
   */
  public boolean recordableBy(ModelSpec model, boolean testSplit) {
    switch (this) {
      case TEST_LOSS:
        return testSplit;
      case SINGULAR_VALUES:
        return model.linearInX();
      case NEURON_NORMS:
      case FOURIER_POWER:
        return model.neurons().isPresent();
      default:
        return true;
    }
  }

  /** The name used in scripts and output headers. */
  public String scriptName() {
    return scriptName;
  }
}
