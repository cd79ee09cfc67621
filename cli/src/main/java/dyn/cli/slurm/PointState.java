package dyn.cli.slurm;

/** Where one sweep point stands, judged from its result.json against tasks.tsv. */
public enum PointState {
  /** result.json parses, has status "ok" and the key of tasks.tsv: never recomputed. */
  DONE,
  /** result.json says "failed" (for the current key): rerun on resubmission. */
  FAILED,
  /** result.json belongs to another key (script, stdlib or overrides changed): rerun. */
  STALE,
  /** No result.json (never ran, still running, or killed before writing it): run. */
  MISSING,
  /** result.json exists but does not parse (e.g. written by hand): rerun. */
  UNREADABLE
}
