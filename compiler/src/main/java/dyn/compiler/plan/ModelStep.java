package dyn.compiler.plan;

import java.util.List;

/**
 * Instantiate a model: draw its parameters once, so that several train steps can start from the
 * same θ(0) (gradient flow and gradient descent side by side).
 *
 * @param model the architecture, fully unrolled
 * @param init how θ(0) is drawn
 */
public record ModelStep(int id, String name, Origin origin, ModelSpec model, InitSpec init)
    implements Step {
  @Override
  public List<Integer> dependsOn() {
    return init.alignedTo() >= 0 ? List.of(init.alignedTo()) : List.of();
  }
}
