package dyn.compiler.plan;

import java.util.List;

/**
 * One node of the plan DAG. Steps refer to each other by id (their index in {@link Plan#steps()}).
 */
public sealed interface Step
    permits DataStep, ModelStep, TrainStep, PredictStep, TheoryStep, CompareStep, ReportStep,
        CheckStep {
  /** Index of this step in the plan. */
  int id();

  /** The script name of the thing this step makes, e.g. {@code gf} for {@code train gf = …}. */
  String name();

  /** The script statement that produced this step. */
  Origin origin();

  /** Ids of the steps whose results this one reads. */
  List<Integer> dependsOn();

  /** A short label for diagnostics and plan listings: {@code "train gf"}. */
  default String label() {
    // Java 17 has no pattern switch; the sealed list above keeps this chain complete.
    String kind;
    if (this instanceof DataStep) kind = "data";
    else if (this instanceof ModelStep) kind = "model";
    else if (this instanceof TrainStep) kind = "train";
    else if (this instanceof PredictStep || this instanceof TheoryStep) kind = "predict";
    else if (this instanceof CompareStep) kind = "compare";
    else if (this instanceof ReportStep) kind = "report";
    else kind = "check";
    return kind + " " + name();
  }
}
