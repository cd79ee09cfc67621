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
  /**
   * Neural collapse NC1 = (1/K) tr(Σ_W Σ_B⁺) of the penultimate-layer features ({@link
   * PenultimateFeatures}) over the K classes of the train labels (scalar; wave2.md §4.3).
   */
  NC1("nc1"),
  /** ‖W_l‖_F of each model tensor, in declaration order (vector). */
  LAYER_NORMS("layer_norms"),
  /** Effective rank exp(H(σ/Σσ)) of each model tensor, in declaration order (vector). */
  EFFECTIVE_RANK("effective_rank"),
  /**
   * The top k singular values of each model tensor, descending, tensors in declaration order
   * (vector): component ℓ·k + i is σ_{i+1} of tensor ℓ, both from 0. k is {@link
   * TrainStep#layerSpectra()}; a tensor with fewer than k singular values pads with 0.
   */
  LAYER_SINGULAR_VALUES("layer_singular_values"),
  /** ‖θ‖ over all parameters (scalar). */
  PARAM_NORM("param_norm"),
  /**
   * cos(θ_t, θ̄*) (scalar), θ̄* the critical point of the escape speed on the unit sphere that
   * projected ascent reaches from θ(0)/‖θ(0)‖: the direction that training from a small θ(0) is
   * predicted to leave the origin along (reference §2.3). Homogeneous bias-free models of degree
   * ≥ 2 on the square loss only.
   */
  ESCAPE_ALIGNMENT("escape_alignment"),
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
  /**
   * Eigenvalues, descending, of the embeddings' cross-correlation C = (1/2n) Σ_μ (f(x_μ)f(x′_μ)ᵀ
   * + f(x′_μ)f(x_μ)ᵀ) over the two views of a paired dataset (vector, one per output);
   * reference §5's u_j.
   */
  EMBEDDING_EIGENVALUES("embedding_eigenvalues"),
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
  LEARNABILITY("learnability", true),
  // Series of an escape-direction prediction; per-layer ones are indexed by ℓ = 1 … L.
  /** The escape speed s(θ̄) of the best direction found. */
  SPEED("speed", true),
  /** ‖W_ℓ‖_F² of the best direction, by layer (E1: 1/L each). */
  LAYER_SHARE("layer_share", true),
  /** σ₁/σ₂ of W_ℓ in the best direction, by layer (E2: at least ℓ^¼). */
  LAYER_RATIO("layer_ratio", true),
  /** The theorem's bound ℓ^¼ on {@link #LAYER_RATIO}, by layer. */
  RATIO_BOUND("ratio_bound", true),
  /** s at the critical point the ascent reaches from θ(0)/‖θ(0)‖. */
  INIT_SPEED("speed_from_init", true),
  /** |cos| between that critical point and the best direction. */
  INIT_ALIGNMENT("init_alignment", true),
  // Series of a stepwise-SSL prediction (reference §5), indexed by mode j = 1 … d / step k = 1 … d.
  /** Each mode's half-time ln(1/(γ_j s_j²) − 1)/(8γ_j), the time u_j reaches ½, by mode. */
  HALF_TIMES("half_times", true),
  /** The time the predicted loss falls through d − k + ½, by step k (the staircase's jumps). */
  STEP_TIMES("step_times", true),
  /** The eigenvalues γ_j of the view correlation Γ that the embedding learns, by mode. */
  GAMMAS("gammas", true);

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

  /**
   * True for observables with one value per neuron, singular value or frequency: their series
   * have several components, which tables number {@code [0]}, {@code [1]}, … and checks compare
   * all together unless one is picked with {@code [k]}.
   */
  public boolean isVector() {
    return this == NEURON_NORMS || this == SINGULAR_VALUES || this == FOURIER_POWER
        || this == NTK_EIGENVALUES || this == LAYER_NORMS || this == EFFECTIVE_RANK
        || this == LAYER_SINGULAR_VALUES || this == EMBEDDING_EIGENVALUES;
  }

  /**
   * Whether a train of this model on data with or without a test split can record this
   * observable: test_loss needs a test split, singular_values a model linear in x, neuron_norms
   * and fourier_power a neuron decomposition, nc1 a last layer W @ h, escape_alignment a model
   * whose origin is a saddle ({@link Homogeneity}). The one rule: the checker reports why not
   * (Observations), the REPL completes {@code gf.} with only these.
   */
  public boolean recordableBy(ModelSpec model, boolean testSplit) {
    return recordableBy(model, testSplit, false);
  }

  /**
   * As above, on data that is paired (has a second view x2) or not: {@code
   * embedding_eigenvalues} correlates the two views' embeddings, so it needs one.
   */
  public boolean recordableBy(ModelSpec model, boolean testSplit, boolean paired) {
    if (predictedOnly()) return false; // a prediction's series, never recorded by a train
    switch (this) {
      case EMBEDDING_EIGENVALUES:
        return paired;
      case TEST_LOSS:
      case TEST_ACCURACY:
        return testSplit;
      case SINGULAR_VALUES:
        return model.linearInX();
      case NEURON_NORMS:
      case FOURIER_POWER:
        return model.neurons().isPresent();
      case NC1:
        return PenultimateFeatures.node(model.forward()).isPresent();
      case ESCAPE_ALIGNMENT:
        return Homogeneity.of(model.forward()).originSaddleProblem() == null;
      default:
        return true;
    }
  }

  /** The name used in scripts and output headers. */
  public String scriptName() {
    return scriptName;
  }
}
