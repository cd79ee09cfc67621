package dyn.compiler.plan;

/** How parameters move in time. All three share the time axis t (GF time; t = k·lr for steps). */
public sealed interface Dynamics {
  /** The final time of the run. */
  double until();

  /** The learning rate of a step-based run (descent, sgd), step k at t = k·lr; NaN for a flow. */
  default double stepSize() {
    return Double.NaN;
  }

  /**
   * The step whose time k·lr stands for time t: the nearest, halves up. The one rule wherever a
   * step-based run is read at a time: its records, a step count from `until`, the checker's grid
   * warnings, a linearized prediction of the run (which once rounded halves to even, and read
   * t = 1 at lr = 0.4 two steps away from the training it predicted).
   */
  static long stepAt(double t, double lr) {
    return Math.round(t / lr);
  }

  /**
   * Whether {@code monotone} of this run's loss, recorded at {@code lossTimes}, is decided at
   * every step rather than at the records: full-batch gradient descent (any optimizer) computes
   * the loss at every step anyway, and its step loop notes the first step where it rose, so a
   * rise between two records (an early catapult, an oscillation sampled at an even stride) is
   * seen without recording every step. It applies when the records span the whole run, from
   * step 0 to the last, so that "between the records" and "during the run" are the same steps.
   * Minibatch SGD computes only minibatch losses per step; its `monotone` reads the records.
   */
  static boolean lossMonotoneEveryStep(Dynamics d, java.util.List<Double> lossTimes) {
    if (!(d instanceof GradientDescent) || lossTimes.isEmpty()) return false;
    GradientDescent gd = (GradientDescent) d;
    return stepAt(lossTimes.get(0), gd.lr()) == 0
        && stepAt(lossTimes.get(lossTimes.size() - 1), gd.lr()) == gd.steps();
  }

  /**
   * Gradient flow dθ/dt = −∇L, integrated by an adaptive, error-controlled Dormand–Prince 5(4)
   * method with dense output at the grid times.
   *
   * @param rtol relative tolerance per step
   * @param atol absolute tolerance per step
   * @param maxSteps a bound on accepted + rejected steps; exceeding it is a runtime failure
   */
  record GradientFlow(double until, double rtol, double atol, long maxSteps) implements Dynamics {}

  /**
   * Full-batch gradient descent θ ← θ − lr ∇L, for {@code steps} steps (until = steps·lr), or
   * another full-batch optimizer when {@code update} says so.
   */
  record GradientDescent(double lr, long steps, Update update) implements Dynamics {
    /** Plain gradient descent. */
    public GradientDescent(double lr, long steps) {
      this(lr, steps, Update.PLAIN);
    }

    public double until() {
      return steps * lr;
    }

    @Override
    public double stepSize() {
      return lr;
    }
  }

  /**
   * Minibatch SGD: each step draws {@code batch} samples without replacement within an epoch
   * from the counter-based stream {@code stream}; {@code update} is the optimizer that takes
   * each minibatch gradient.
   */
  record Sgd(double lr, long steps, int batch, long stream, Update update) implements Dynamics {
    /** Plain minibatch SGD. */
    public Sgd(double lr, long steps, int batch, long stream) {
      this(lr, steps, batch, stream, Update.PLAIN);
    }

    public double until() {
      return steps * lr;
    }

    @Override
    public double stepSize() {
      return lr;
    }
  }
}
