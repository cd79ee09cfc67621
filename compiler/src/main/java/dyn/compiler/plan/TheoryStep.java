package dyn.compiler.plan;

import java.util.List;
import java.util.Optional;

/**
 * A prediction from kernel theory ({@code predict NAME = ntk(…) | nngp(…) | krr(…) |
 * eigenframework(…)}): a closed-form or linear-algebra computation, run after the trains, whose
 * numbers become series of the prediction ({@code k.eigenvalues}, {@code e.test_mse}) usable in
 * reports, checks and sweep metrics like a train's. AGF predictions are {@link PredictStep}s.
 *
 * @param theory what is computed
 */
public record TheoryStep(int id, String name, Origin origin, Theory theory) implements Step {
  @Override
  public List<Integer> dependsOn() {
    return theory.dependsOn();
  }

  /** The series this prediction has. */
  public List<Observable> series() {
    return theory.series();
  }

  /** The computations. */
  public sealed interface Theory {
    /** Plan steps read. */
    List<Integer> dependsOn();

    /** The series it yields. */
    List<Observable> series();

    /** The builtin's script name. */
    String method();
  }

  /**
   * The infinite-width kernel of a fully connected model (wave2.md §1), on its data's train
   * inputs; its series is the Gram matrix's eigenvalues, by mode index.
   *
   * @param kind NTK or NNGP
   * @param model the model step
   * @param data the data step whose inputs it is evaluated on
   * @param layers input layer first; the last is the linear output layer
   * @param outputScale 1/γ², for a model whose output is divided by γ
   * @param points N, the data's train inputs (the Gram matrix is N×N)
   * @param empirical true for {@code empirical_ntk}: the finite model's own NTK Θ_0 = J M Jᵀ at
   *     its θ(0) (any model with one output; {@code layers} is then empty)
   */
  public record Kernel(Kind kind, int model, int data, List<KernelLayer> layers,
      double outputScale, int points, boolean empirical) implements Theory {
    public Kernel {
      layers = List.copyOf(layers);
    }

    /** An infinite-width kernel. */
    public Kernel(Kind kind, int model, int data, List<KernelLayer> layers, double outputScale,
        int points) {
      this(kind, model, data, layers, outputScale, points, false);
    }

    @Override
    public List<Integer> dependsOn() {
      return List.of(Math.min(model, data), Math.max(model, data));
    }

    @Override
    public List<Observable> series() {
      return List.of(Observable.EIGENVALUES);
    }

    @Override
    public String method() {
      return empirical ? "empirical_ntk" : kind.scriptName();
    }
  }

  /** Which infinite-width kernel. */
  public enum Kind {
    /** Neural tangent kernel Θ: the kernel of (lazy) gradient-descent training. */
    NTK,
    /** Neural-network Gaussian process K: the covariance of the output at init. */
    NNGP;

    /** {@code ntk} or {@code nngp}. */
    public String scriptName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One dense layer, as the kernel recursion needs it (see the runtime's InfiniteWidthKernel).
   *
   * @param param the weight's index in the model's params
   * @param weightVariance σ²: fan-in times the variance of an effective weight entry
   * @param weightRate ρ: learning-rate multiplier × forward multiplier² × fan-in
   * @param activation the function after the layer, empty for the output layer
   */
  public record KernelLayer(int param, double weightVariance, double weightRate,
      Optional<Op.UnaryFn> activation) {}

  /**
   * The lazy (linearized) limit of training (wave2.md §2.1): the model f_0 + J(θ − θ_0) with the
   * empirical NTK Θ_0 = J M Jᵀ of the model's θ(0), trained on the MSE loss by gradient flow
   * (f_t − y = e^{−Θ_0 t/n}(f_0 − y)) or, with {@code lr}, by gradient descent
   * ((I − ηΘ_0/n)^k at t = kη). Series {@code loss} and, with a test split, {@code test_loss},
   * on the given times.
   *
   * <p>With {@code limit}, the kernel is the infinite-width NTK of the model (an {@code ntk(…)}
   * prediction's closed form, on this data's inputs) in place of Θ_0, and f_0 is still the
   * model's own output at θ(0): neural tangents' {@code gradient_descent_mse} with the network's
   * {@code fx_train_0}, so the prediction differs from training only by the kernel's finite-width
   * fluctuation and the network's nonlinearity.
   *
   * @param model the model step (its θ(0) is the expansion point)
   * @param data the data step
   * @param lr η for gradient descent; empty for gradient flow
   * @param times where the series are sampled (the trains' recorded times)
   * @param limit the infinite-width NTK to train with; empty for the empirical Θ_0
   * @param ensemble with a limit: the losses averaged over an ensemble of infinitely wide nets
   *     (f_0 ~ N(0, K), K the model's NNGP) in place of the model's own f_0
   */
  public record Linearized(int model, int data, Optional<Double> lr, List<Double> times,
      boolean hasTest, Optional<Kernel> limit, boolean ensemble) implements Theory {
    public Linearized {
      times = List.copyOf(times);
      if (ensemble && limit.isEmpty()) {
        throw new IllegalArgumentException("the ensemble is over infinitely wide nets");
      }
    }

    /** From the model's own f_0. */
    public Linearized(int model, int data, Optional<Double> lr, List<Double> times,
        boolean hasTest, Optional<Kernel> limit) {
      this(model, data, lr, times, hasTest, limit, false);
    }

    @Override
    public List<Integer> dependsOn() {
      return List.of(Math.min(model, data), Math.max(model, data));
    }

    @Override
    public List<Observable> series() {
      return hasTest ? List.of(Observable.LOSS, Observable.TEST_LOSS) : List.of(Observable.LOSS);
    }

    @Override
    public String method() {
      String kernel = ensemble ? "infinite-width NTK, ensemble mean over inits, "
          : limit.isPresent() ? "infinite-width NTK, " : "";
      return "linearized (" + kernel + (lr.isPresent() ? "gradient descent)" : "gradient flow)");
    }
  }

  /**
   * Kernel ridge regression f = k(x, X)(K + δI)⁻¹y with the kernel of a {@link Kernel}
   * prediction, on a dataset's train and test split.
   *
   * @param kernel the {@link TheoryStep} id of the kernel
   * @param spec its kernel
   * @param data the data step
   * @param ridge δ ≥ 0
   */
  public record Krr(int kernel, Kernel spec, int data, double ridge) implements Theory {
    @Override
    public List<Integer> dependsOn() {
      return List.of(Math.min(kernel, data), Math.max(kernel, data));
    }

    @Override
    public List<Observable> series() {
      return List.of(Observable.TEST_MSE, Observable.TRAIN_MSE);
    }

    @Override
    public String method() {
      return "krr";
    }
  }

  /**
   * The eigenframework risk of KRR (reference.md §4.1) or, with {@code features}, of
   * random-feature ridge regression (§4.2).
   *
   * @param spectrum kernel eigenvalues λ_i ≥ 0
   * @param target the target's eigen-coefficients v_i (as many)
   * @param samples n &gt; 0
   * @param ridge δ ≥ 0
   * @param noise ε² ≥ 0
   * @param features k, for the random-feature risk
   */
  public record Eigenframework(Spectrum spectrum, Spectrum target, double samples, double ridge,
      double noise, Optional<Double> features) implements Theory {
    @Override
    public List<Integer> dependsOn() {
      // A measured spectrum needs its kernel's inputs and labels, and its model (the layers, or
      // the θ(0) of an empirical kernel).
      if (!(spectrum instanceof Spectrum.Measured)) return List.of();
      Kernel k = ((Spectrum.Measured) spectrum).kernel();
      return List.of(Math.min(k.model(), k.data()), Math.max(k.model(), k.data()));
    }

    @Override
    public List<Observable> series() {
      return features.isPresent()
          ? List.of(Observable.TEST_MSE, Observable.KAPPA, Observable.E0)
          : List.of(Observable.TEST_MSE, Observable.TRAIN_MSE, Observable.KAPPA, Observable.E0,
              Observable.LEARNABILITY);
    }

    @Override
    public String method() {
      return features.isPresent() ? "eigenframework (random features)" : "eigenframework";
    }
  }

  /**
   * The optimal escape direction of the origin saddle (reference §2.3) of a model homogeneous of
   * degree ≥ 2 in θ: the unit θ̄ maximising s(θ̄) = (1/n)Σ⟨y, f(x; θ̄)⟩, by projected ascent from
   * {@code restarts} random starts, and the critical point the ascent reaches from the model's own
   * θ(0)/‖θ(0)‖ (the one small-init gradient flow heads for). Layer series are indexed by the
   * layer ℓ = 1 … L in place of time.
   *
   * @param model the model step (its θ(0) is the start of the from-init ascent)
   * @param data the data step
   * @param degree L, the model's degree of homogeneity in θ
   * @param restarts random starts, ≥ 1
   * @param seed the starts' random stream
   */
  public record Escape(int model, int data, int degree, int restarts, long seed)
      implements Theory {
    @Override
    public List<Integer> dependsOn() {
      return List.of(Math.min(model, data), Math.max(model, data));
    }

    @Override
    public List<Observable> series() {
      return List.of(Observable.SPEED, Observable.LAYER_SHARE, Observable.LAYER_RATIO,
          Observable.RATIO_BOUND, Observable.INIT_SPEED, Observable.INIT_ALIGNMENT);
    }

    @Override
    public String method() {
      return "escape";
    }
  }

  /**
   * Stepwise self-supervised learning (reference §5): the closed form of Barlow Twins (λ = 1)
   * gradient flow for a linear embedding f(x) = W x from a small init. The d modes of the view
   * correlation Γ with the largest eigenvalues γ_j are learned in decreasing order; mode j's
   * eigenvalue of C is u_j(t) = 1/(1 + (1/(γ_j s_j²) − 1) e^{−8γ_j t}) with s_j = ‖W(0) e_j‖ (exact
   * for the aligned init, the linear-phase estimate otherwise), the loss Σ_j (1 − u_j)².
   * Series {@code loss} and {@code embedding_eigenvalues} on the given times; {@code half_times},
   * {@code gammas} by mode and {@code step_times} by step.
   *
   * @param model the model step (its θ(0) gives s_j)
   * @param data the paired data step (its views give Γ)
   * @param times where the series over time are sampled (the model's trains' recorded times)
   */
  public record SslStepwise(int model, int data, List<Double> times) implements Theory {
    public SslStepwise {
      times = List.copyOf(times);
    }

    @Override
    public List<Integer> dependsOn() {
      return List.of(Math.min(model, data), Math.max(model, data));
    }

    @Override
    public List<Observable> series() {
      return List.of(Observable.LOSS, Observable.EMBEDDING_EIGENVALUES, Observable.HALF_TIMES,
          Observable.STEP_TIMES, Observable.GAMMAS);
    }

    @Override
    public String method() {
      return "ssl_stepwise";
    }
  }

  /**
   * A list of per-mode numbers: given explicitly, i^{−exponent} for i = 1 … modes, rescaled so
   * that its sum (or its Euclidean norm) is {@code total} when one is given, or measured at run
   * time from a kernel on its data.
   */
  public sealed interface Spectrum {
    /** The values, mode 1 first (not for a {@link Measured} one, known only at run time). */
    double[] values();

    /** The number of modes. */
    int modes();

    /** Listed values. */
    record Values(List<Double> list) implements Spectrum {
      public Values {
        list = List.copyOf(list);
      }

      @Override
      public double[] values() {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
      }

      @Override
      public int modes() {
        return list.size();
      }
    }

    /**
     * The spectrum of a kernel's integral operator under the empirical measure of its data's N
     * train inputs, and the train labels' coefficients in its eigenbasis: with K = U diag(μ) Uᵀ
     * the N×N Gram matrix, λ_i = μ_i/N and v_i = u_iᵀy/√N (so Σv_i² = (1/N)‖y‖²). The runtime
     * computes both.
     *
     * @param kernel the kernel, on its data's train inputs
     * @param target true for the coefficients v, false for the eigenvalues λ
     */
    record Measured(Kernel kernel, boolean target, int modes) implements Spectrum {
      @Override
      public double[] values() {
        throw new IllegalStateException("a measured spectrum is computed at run time");
      }
    }

    /** i^{−exponent}, rescaled to the given sum or norm (NaN: as is). */
    record PowerLaw(int modes, double exponent, double sum, double norm) implements Spectrum {
      @Override
      public double[] values() {
        double[] v = new double[modes];
        double s = 0;
        double q = 0;
        for (int i = 0; i < modes; i++) {
          v[i] = Math.pow(i + 1, -exponent);
          s += v[i];
          q += v[i] * v[i];
        }
        double f = !Double.isNaN(sum) ? sum / s : !Double.isNaN(norm) ? norm / Math.sqrt(q) : 1;
        for (int i = 0; i < modes; i++) v[i] *= f;
        return v;
      }
    }
  }
}
