package dyn.compiler.plan;

import java.util.List;

/**
 * The operations of a {@link Graph}. Shapes are checked by the compiler and stored on the
 * {@link Graph.Node}; an op only names its inputs (node indices) and constants.
 *
 * <p>Elementwise binary ops broadcast: a 1×1 operand is a scalar, an r×1 operand is repeated
 * across the columns of an r×c operand, and a 1×c operand down its rows.
 */
public sealed interface Op {
  /** Indices of the nodes this op reads. */
  List<Integer> inputs();

  /** The model input x (slot 0), d×n. Only in model graphs. */
  record Input(int slot) implements Op {
    public List<Integer> inputs() {
      return List.of();
    }
  }

  /** A model parameter, by index into {@link ModelSpec#params()}. */
  record Param(int index) implements Op {
    public List<Integer> inputs() {
      return List.of();
    }
  }

  /** A constant matrix, row-major. */
  record Constant(List<Double> values) implements Op {
    public Constant {
      values = List.copyOf(values);
    }

    public List<Integer> inputs() {
      return List.of();
    }
  }

  /** Matrix product a @ b. */
  record MatMul(int a, int b) implements Op {
    public List<Integer> inputs() {
      return List.of(a, b);
    }
  }

  /** Elementwise binary op with broadcasting. */
  record Binary(BinaryFn fn, int a, int b) implements Op {
    public List<Integer> inputs() {
      return List.of(a, b);
    }
  }

  /** Elementwise function. */
  record Unary(UnaryFn fn, int a) implements Op {
    public List<Integer> inputs() {
      return List.of(a);
    }
  }

  /** Elementwise a^exponent for a constant exponent. */
  record Power(int a, double exponent) implements Op {
    public List<Integer> inputs() {
      return List.of(a);
    }
  }

  /** aᵀ. */
  record Transpose(int a) implements Op {
    public List<Integer> inputs() {
      return List.of(a);
    }
  }

  /** A sum: ALL gives 1×1, ROWS sums down each column (1×c), COLUMNS sums along each row (r×1). */
  record Sum(Axis axis, int a) implements Op {
    public List<Integer> inputs() {
      return List.of(a);
    }
  }

  /** Rows {@code start … start + count − 1} of a (all its columns): {@code rows(a, start, count)}. */
  record Slice(int a, int start, int count) implements Op {
    public List<Integer> inputs() {
      return List.of(a);
    }
  }

  /**
   * The parts joined in order: one above the other when {@code vertical} ({@code stack(a, b, …)},
   * equal column counts), else side by side ({@code concat(a, b, …)}, equal row counts).
   */
  record Concat(List<Integer> parts, boolean vertical) implements Op {
    public Concat {
      parts = List.copyOf(parts);
    }

    public List<Integer> inputs() {
      return parts;
    }
  }

  // ---- Data primitives: only in dataset graphs, never differentiated. ----

  /** Standard normal entries from the counter-based stream {@code stream}. */
  record Normal(int rows, int cols, long stream) implements Op {
    public List<Integer> inputs() {
      return List.of();
    }
  }

  /** A Haar-random n×n orthogonal matrix (QR of a Gaussian from {@code stream}, signs fixed). */
  record Orthogonal(int n, long stream) implements Op {
    public List<Integer> inputs() {
      return List.of();
    }
  }

  /**
   * The columns (samples) of a in a random order: a Fisher–Yates shuffle, swapping column i
   * with ⌊u_i·(i+1)⌋ for i = n−1 … 1, u_i the next uniform of {@code stream}.
   */
  record Shuffle(int a, long stream) implements Op {
    public List<Integer> inputs() {
      return List.of(a);
    }
  }

  /**
   * A data file read when the dataset is generated ({@code load_csv}, {@code load_npy},
   * {@code load_idx}); the checker read its header, so rows × cols is known here. The path is
   * resolved against the script's directory, as the script was named.
   */
  record Load(dyn.compiler.data.DataFile file, int rows, int cols) implements Op {
    public List<Integer> inputs() {
      return List.of();
    }
  }

  /**
   * Label noise: a 1×n row of class indices in {0 … classes−1} with exactly
   * round(fraction·n) of them replaced by a uniformly drawn other class; on classes×n one-hot
   * columns, the same noise on their class indices, encoded back. The positions are the
   * first k of a Fisher–Yates permutation on {@code stream} (counters 0 … k−1, j = i + ⌊u·(n−i)⌋),
   * the new class (old + 1 + ⌊u·(classes−1)⌋) mod classes (counters k … 2k−1).
   */
  record Corrupt(int a, double fraction, int classes, long stream) implements Op {
    public List<Integer> inputs() {
      return List.of(a);
    }
  }

  /**
   * Random masking, an augmentation for paired views: each entry of a is set to 0 with probability
   * p, independently (entry k, row-major, is dropped when uniform(stream, k) &lt; p), and kept as
   * it is otherwise (no 1/(1 − p) rescaling).
   */
  record Mask(int a, double p, long stream) implements Op {
    public List<Integer> inputs() {
      return List.of(a);
    }
  }

  /** A rows×cols matrix with the entries of vector a on its diagonal (a has min(rows, cols) or fewer entries; the rest are 0). */
  record Diag(int a, int rows, int cols) implements Op {
    public List<Integer> inputs() {
      return List.of(a);
    }
  }

  /** Samples-as-columns x (d×n) transformed so that (1/n) x xᵀ = I exactly (needs n ≥ d). */
  record Whiten(int a) implements Op {
    public List<Integer> inputs() {
      return List.of(a);
    }
  }

  /** Elementwise binary functions. */
  enum BinaryFn {
    ADD,
    SUB,
    MUL,
    DIV
  }

  /** Elementwise unary functions; LINEAR is the identity (an activation name). */
  enum UnaryFn {
    NEG,
    LINEAR,
    RELU,
    TANH,
    SQUARE,
    SIGMOID,
    EXP,
    LOG,
    SQRT,
    ABS,
    SIN,
    COS
  }

  /** Reduction axes of {@link Sum}. */
  enum Axis {
    ALL,
    ROWS,
    COLUMNS
  }
}
