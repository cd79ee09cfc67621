/**
 * Sinks: where recorded series go after a run. Input: {@link dyn.runtime.sink.Series} values
 * (one observable of one train step on its time grid) and check {@link
 * dyn.runtime.sink.Verdict}s; output: an aligned terminal table, CSV or JSON, files always
 * written atomically through {@link dyn.runtime.sink.AtomicFiles}. Check expressions are
 * evaluated here too ({@link dyn.runtime.sink.CheckEvaluator}), since they read the same series.
 */
package dyn.runtime.sink;
