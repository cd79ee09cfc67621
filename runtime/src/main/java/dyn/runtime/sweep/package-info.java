/**
 * Sweeps: runs the points of a {@link dyn.compiler.plan.SweepSpec} (each an ordinary plan compiled
 * with the point's param values), in parallel and resumably, through files in the output folder
 * ({@code sweep-NAME/tasks.tsv}, {@code points/TASK/result.json}); gathers the finished points
 * into a results table and computes reductions, power-law fits, reports and checks over it.
 * Points whose plans have the same {@link dyn.compiler.plan.PlanShape} train as one batched
 * program ({@link dyn.runtime.sweep.PointRunner#runBatch}), each with the bits it has alone.
 * Input: the spec and a way to compile one point; output: the files, printed tables and verdicts.
 * Errors: a point's failure is recorded in its result; a missing or failed point makes gathering
 * fail with the list of what is pending.
 */
package dyn.runtime.sweep;
