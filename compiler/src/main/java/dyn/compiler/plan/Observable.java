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
  FOURIER_POWER("fourier_power"),
  /**
   * The top eigenvalues (at most {@link #NTK_EIGENVALUE_COUNT}, descending) of the empirical NTK
   * Θ_t = J M Jᵀ on the train inputs (vector).
   */
  NTK_EIGENVALUES("ntk_eigenvalues"),
  /** 1 − ⟨Θ_0, Θ_t⟩_F/(‖Θ_0‖_F‖Θ_t‖_F): how far the empirical NTK has moved (scalar). */
  KERNEL_DISTANCE("kernel_distance"),
  /** ⟨Θ_t, yyᵀ⟩_F/(‖Θ_t‖_F‖y‖²): kernel–target alignment on the train set (scalar). */
  KERNEL_ALIGNMENT("kernel_alignment"),
  // Series of kernel-theory predictions (TheoryStep), never recorded by a train: a kernel's
  // eigenvalues are indexed by mode i = 1 … n in place of time, the risks are one value at t = 0.
  /** Eigenvalues of a kernel's Gram matrix on the train inputs, descending, by mode index. */
  EIGENVALUES("eigenvalues", true),
  /** Predicted test mean squared error (no ½; against noisy labels). */
  TEST_MSE("test_mse", true),
  /** Predicted train mean squared error. */
  TRAIN_MSE("train_mse", true),
  /** The eigenframework's effective regularization κ. */
  KAPPA("kappa", true),
  /** The overfitting coefficient E_0. */
  E0("e0", true),
  /** The target's learnability Σv_i²L_i/Σv_i². */
  LEARNABILITY("learnability", true);

  /** How many of the empirical NTK's eigenvalues {@link #NTK_EIGENVALUES} records. */
  public static final int NTK_EIGENVALUE_COUNT = 10;

  private final String scriptName;
  private final boolean predicted;

  Observable(String scriptName) {
    this(scriptName, false);
  }

  Observable(String scriptName, boolean predicted) {
    this.scriptName = scriptName;
    this.predicted = predicted;
  }

  /** True for series only a kernel-theory prediction has ({@code observe} cannot record them). */
  public boolean predictedOnly() {
    return predicted;
  }

  /** The name used in scripts and output headers. */
  public String scriptName() {
    return scriptName;
  }
}
