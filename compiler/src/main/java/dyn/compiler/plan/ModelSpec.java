package dyn.compiler.plan;

import java.util.List;
import java.util.Optional;

/**
 * An architecture with every loop unrolled and every shape a number.
 *
 * <p>{@code forward} has exactly one {@link Op.Input} (slot 0, the d×n batch {@code x}), refers to
 * parameters by {@link Op.Param} index into {@code params}, and has one output, the
 * {@code outputDim}×n prediction.
 *
 * @param name the definition's name ({@code two_layer})
 * @param inputDim d
 * @param outputDim c
 * @param params trained tensors, in declaration order
 * @param forward the computation from x and the parameters to f(x)
 * @param neurons the neuron decomposition f(x) = Σ_i f_i(x; θ_i), where declared
 * @param linearInX true when f is linear in x (no nonlinearity applied to anything that depends
 *     on x), so the end-to-end map f(I) exists and has singular values
 * @param parametrization the abc row, width and output scale γ the multipliers on {@code params}
 *     and the γ node in {@code forward} came from
 */
public record ModelSpec(
    String name,
    int inputDim,
    int outputDim,
    List<ParamSpec> params,
    Graph forward,
    Optional<Neurons> neurons,
    boolean linearInX,
    Parametrization parametrization) {
  public ModelSpec {
    params = List.copyOf(params);
  }

  /** A model in the standard parametrization with γ = 1. */
  public ModelSpec(String name, int inputDim, int outputDim, List<ParamSpec> params, Graph forward,
      Optional<Neurons> neurons, boolean linearInX) {
    this(name, inputDim, outputDim, params, forward, neurons, linearInX, Parametrization.STANDARD);
  }

  /** True when some tensor has a learning-rate multiplier other than 1. */
  public boolean hasLrMultipliers() {
    return params.stream().anyMatch(p -> p.scaling().lr() != 1.0);
  }

  /** Total number of scalar parameters. */
  public int parameterCount() {
    return params.stream().mapToInt(p -> p.rows() * p.cols()).sum();
  }

  /**
   * The neuron decomposition: neuron i owns, for each part, row i / column i / entry i of one
   * parameter.
   */
  public record Neurons(int count, List<Part> parts) {
    public Neurons {
      parts = List.copyOf(parts);
    }
  }

  /** One parameter's share of every neuron. */
  public record Part(int param, Slice slice) {}

  /** Which slice of a parameter belongs to neuron i. */
  public enum Slice {
    ROW,
    COLUMN,
    ENTRY
  }
}
