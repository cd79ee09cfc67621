package dyn.compiler.plan;

/** Quantities recorded along a training run. */
public enum Observable {
  /** Train loss (scalar). */
  LOSS("loss"),
  /** Test loss on x_test, y_test (scalar); requires a test split. */
  TEST_LOSS("test_loss"),
  /** Fraction of training samples classified correctly (argmax, or sign for one output). */
  ACCURACY("accuracy"),
  /** {@link #ACCURACY} on x_test, y_test; requires a test split. */
  TEST_ACCURACY("test_accuracy"),
  /** ‖θ_i‖ for each neuron of the model's decomposition (vector). */
  NEURON_NORMS("neuron_norms"),
  /** Singular values of the end-to-end linear map, descending (vector); linear models only. */
  SINGULAR_VALUES("singular_values"),
  /**
   * Sharpness λ_max(∇²L) of the train loss (scalar), by Lanczos on finite-difference
   * Hessian-vector products of the gradient.
   */
  SHARPNESS("sharpness"),
  /** Gradient coherence α = ‖E_i g_i‖² / E_i ‖g_i‖² over the training samples (scalar). */
  COHERENCE("coherence"),
  /** m-coherence α_m = m·α = ‖Σ g_i‖² / Σ ‖g_i‖² (scalar). */
  M_COHERENCE("m_coherence"),
  /** ‖W_l‖_F of each model tensor, in declaration order (vector). */
  LAYER_NORMS("layer_norms"),
  /** Effective rank exp(H(σ/Σσ)) of each model tensor, in declaration order (vector). */
  EFFECTIVE_RANK("effective_rank"),
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

  /** True for observables with several components (per neuron, tensor, singular value, bin). */
  public boolean isVector() {
    return this == NEURON_NORMS || this == SINGULAR_VALUES || this == FOURIER_POWER
        || this == LAYER_NORMS || this == EFFECTIVE_RANK;
  }

  /** The name used in scripts and output headers. */
  public String scriptName() {
    return scriptName;
  }
}
