/**
 * The executor: runs a {@link dyn.compiler.plan.Plan} step by step. Input: a plan; output: a
 * {@link dyn.runtime.exec.RunOutcome} holding the recorded trajectories, the check verdicts and
 * the {@link dyn.runtime.exec.StepFailure}s (a training failure or an internal error, named by
 * plan step and script line). Independent train steps run in parallel; output order follows the
 * plan, so results never depend on scheduling. {@link dyn.runtime.exec.BatchExecutor} runs the
 * small plans of a sweep's batch of points as one program, one outcome per plan.
 */
package dyn.runtime.exec;
