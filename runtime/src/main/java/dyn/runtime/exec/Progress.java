package dyn.runtime.exec;

import dyn.runtime.dynamics.Ticker;

/**
 * Where long work reports how far it got: one {@link Task} per plan step (a train, a sweep's
 * points), started, advanced and finished. The runtime only reports; the command line decides how
 * progress looks (a bar on a terminal, plain lines in a log, nothing). {@link #OFF} is the default
 * everywhere, so tests and golden runs print no progress unless they ask for it.
 *
 * <p>{@link #start} may be called from several threads at once (independent trains run in
 * parallel); each task is advanced and finished by one thread.
 */
public interface Progress {
  /**
   * Starts a task.
   *
   * @param label what runs, as the plan names it: {@code "train gd"}, {@code "sweep lr"}
   * @param total the units the task has: steps for GD/SGD, the end time for gradient flow, points for a sweep
   * @param unit {@link #STEPS}, {@link #TIME} or {@link #POINTS}
   */
  Task start(String label, double total, String unit);

  /** Units counted in steps; the task's {@code t} is the model time t = k·lr. */
  String STEPS = "steps";

  /** Units of gradient-flow time: {@code done} is the time reached. */
  String TIME = "time";

  /** Units counted in sweep points; there is no model time. */
  String POINTS = "points";

  /** One running piece of work. */
  interface Task extends Ticker.Listener {
    /**
     * How far the task got.
     *
     * @param done units done, from 0 to the task's total
     * @param t the model time reached, or NaN where it has none (sweeps)
     */
    @Override
    void advance(double done, double t);

    /**
     * The task ended.
     *
     * @param completed true when it ran to its end, false when it failed or was stopped
     */
    void finish(boolean completed);

    /** A task that reports nothing. */
    Task NONE = new Task() {
      @Override
      public void advance(double done, double t) {}

      @Override
      public void finish(boolean completed) {}
    };
  }

  /** No progress at all; the loops then skip even their clock reads (see {@link Ticker#NONE}). */
  Progress OFF = (label, total, unit) -> Task.NONE;
}
