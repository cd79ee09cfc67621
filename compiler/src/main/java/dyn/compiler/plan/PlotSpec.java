package dyn.compiler.plan;

/**
 * How a {@code report plot(...)} figure looks: its title, axis scales and axis labels. The image
 * format is not here: the report's file extension ({@code .svg} or {@code .png}) picks it.
 *
 * @param title the figure title, empty for none
 * @param xLog true for a logarithmic time axis (the default: loss against time on log–log)
 * @param yLog true for a logarithmic value axis (the default)
 * @param xLabel the time axis title ({@code t} by default)
 * @param yLabel the value axis title, empty for none
 */
public record PlotSpec(String title, boolean xLog, boolean yLog, String xLabel, String yLabel) {
  public PlotSpec {
    if (title == null || xLabel == null || yLabel == null) {
      throw new NullPointerException("plot title and labels must not be null (use \"\")");
    }
  }

  /** The defaults: no title, log–log axes, x label {@code t}, no y label. */
  public static PlotSpec defaults() {
    return new PlotSpec("", true, true, "t", "");
  }

  /** {@code log-log}, {@code linear-log} (x first), … for listings. */
  public String scales() {
    return (xLog ? "log" : "linear") + "-" + (yLog ? "log" : "linear");
  }
}
