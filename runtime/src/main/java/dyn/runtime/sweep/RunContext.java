package dyn.runtime.sweep;

import java.util.List;
import java.util.Map;

/**
 * What a sweep's manifests record besides each plan: the script text, the command line, the
 * command-line overrides (the same for every point) and the backend.
 *
 * @param scriptText the script as read when the sweep started
 * @param command the command line as given
 * @param overrides {@code NAME=VALUE} overrides typed on the command line, in order
 * @param backend where the numbers are computed ({@code cpu})
 */
public record RunContext(String scriptText, List<String> command, Map<String, String> overrides,
    String backend) {
  public RunContext {
    command = List.copyOf(command);
    overrides = new java.util.LinkedHashMap<>(overrides);
  }
}
