package dyn.compiler.plan;

/** A recorded series: observable {@code observable} of train step {@code train}, e.g. gf.loss. */
public record SeriesRef(int train, String trainName, Observable observable) {
  /** The script spelling, {@code gf.loss}. */
  public String label() {
    return trainName + "." + observable.scriptName();
  }
}
