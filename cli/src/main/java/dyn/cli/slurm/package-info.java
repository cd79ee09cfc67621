/**
 * {@code dyn sweep}: hands a script's sweep to a scheduler and gathers it back. Input: the sweep
 * files of the sweep contract (DIR/sweep-NAME/tasks.tsv and points/TASK/result.json, written by
 * {@code dyn run --prepare} and {@code dyn run --task}); output: an {@code sbatch} array script
 * with one array task per run of up to B consecutive pending points, the Slurm job ids, progress read from {@code squeue}, and
 * the gathered tables from {@code dyn gather}. Only the scheduler's own commands are used
 * (sbatch, squeue); nothing runs between Slurm and dyn.
 */
package dyn.cli.slurm;
