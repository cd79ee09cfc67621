package dyn.runtime.kernel;

import dyn.compiler.plan.TheoryStep;

/**
 * Compiles the eigenframework's loops before a study needs them. Its solves are a dozen passes
 * over spectra of up to ~10⁶ modes, run once: in a fresh JVM each new loop runs interpreted
 * (some 60 ns a mode, against 1–3 compiled) until on-stack replacement swaps it, which costs
 * a 10⁵-mode solve about 30 ms of its 35. A daemon thread that solves small spectra a few
 * hundred times while the script is parsed and the data drawn gets those loops compiled first.
 * Only a head start: results do not depend on whether it ran.
 */
public final class KernelWarmUp {
  private static Thread warmer;

  private KernelWarmUp() {}

  /** Starts the warm-up once per JVM; later calls do nothing. */
  public static synchronized void start() {
    if (warmer != null) return;
    warmer = new Thread(KernelWarmUp::exercise, "dyn-kernel-warmup");
    warmer.setDaemon(true);
    warmer.setPriority(Thread.MIN_PRIORITY);
    warmer.start();
  }

  private static void exercise() {
    try {
      // Sorted and unsorted spectra, with and without a ridge, the random-feature risk: every
      // branch a study's solve takes, so no compiled loop meets an untaken one and deoptimises.
      for (int round = 0; round < 300; round++) {
        double[] lambda = new TheoryStep.Spectrum.PowerLaw(2000, 1.5, 1, Double.NaN).values();
        double[] v = new TheoryStep.Spectrum.PowerLaw(2000, 1, Double.NaN, 1).values();
        Eigenframework.solve(lambda, v, 0.01, 100, 1e-4);
        Eigenframework.solve(lambda, v, 0, 100, 0);
        double[] shuffled = lambda.clone();
        shuffled[0] = lambda[1];
        shuffled[1] = lambda[0];
        Eigenframework.solve(shuffled, v, 0.01, 100, 1e-3);
        if (round % 10 == 0) RandomFeatureRisk.solve(lambda, v, 0.01, 100, 50, 1e-4);
      }
    } catch (RuntimeException | LinkageError e) {
      // Nothing is lost but speed.
    }
  }
}
