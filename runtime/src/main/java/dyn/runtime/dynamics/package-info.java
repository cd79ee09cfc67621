/**
 * Training dynamics: gradient flow ({@link dyn.runtime.dynamics.GradientFlowSolver}, adaptive
 * Dormand–Prince 5(4) with dense output), gradient descent and minibatch SGD ({@link
 * dyn.runtime.dynamics.Descent}; a sweep's batch of GD runs stepped together in {@link
 * dyn.runtime.dynamics.BatchedDescent}), all on the train step's loss ({@link
 * dyn.runtime.dynamics.Objective}, with the losses of {@code dyn.runtime.loss}) and recorded on the plan's time grid ({@link
 * dyn.runtime.dynamics.Recorder}). Input: a {@code TrainStep}, the model, θ(0) and the dataset;
 * output: a {@link dyn.runtime.dynamics.Trajectory}. NaN, divergence and integrator failures are
 * {@link dyn.runtime.dynamics.TrainingFailure}s carrying the time and a hint.
 */
package dyn.runtime.dynamics;
