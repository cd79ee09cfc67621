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

  /** The name used in scripts and output headers. */
  public String scriptName() {
    return scriptName;
  }
}
