package dyn.compiler.check;

import dyn.compiler.data.DataException;
import dyn.compiler.data.DataFile;
import dyn.compiler.data.Shape;
import dyn.compiler.diag.Diagnostics;
import dyn.compiler.plan.Op;
import dyn.compiler.syntax.Expr;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code load_csv("f.csv")}, {@code load_csv("f.csv", skip)}, {@code load_npy("f.npy")},
 * {@code load_idx("f-idx3-ubyte")}: a data file as a matrix whose shape the checker reads now
 * (header and size, or the whole CSV), so that the body is typed like any other; the values are
 * read when the dataset is generated. Paths are relative to the directory of the file that
 * holds the call, so a script runs the same from any working directory.
 */
final class DataLoads {
  private final Evaluator eval;
  private final Diagnostics diags;
  private final GraphBuilder graph;

  DataLoads(Evaluator eval, Diagnostics diags, GraphBuilder graph) {
    this.eval = eval;
    this.diags = diags;
    this.graph = graph;
  }

  Value load(DataFile.Format format, Expr.Call e) {
    boolean withSkip = format == DataFile.Format.CSV && e.args().size() == 2;
    List<Expr> a = eval.positional(e, withSkip ? 2 : 1);
    if (a == null) return new Value.Bad();
    Value p = eval.eval(a.get(0));
    Integer skip = withSkip ? eval.count(a.get(1), "the header lines `load_csv` skips", 0) : Integer.valueOf(0);
    if (p instanceof Value.Bad || skip == null) return new Value.Bad();
    if (!(p instanceof Value.Str) || ((Value.Str) p).value().isEmpty()) {
      diags.error("type", a.get(0).span(), "`" + format.primitive() + "` takes a file name in quotes, got "
          + Value.describe(p));
      return new Value.Bad();
    }
    Path dir = Path.of(diags.origin(e.span()).file()).getParent();
    Path file = (dir == null ? Path.of(((Value.Str) p).value()) : dir.resolve(((Value.Str) p).value())).normalize();
    DataFile df = new DataFile(format, file, skip);
    Shape shape;
    try {
      shape = df.shape();
    } catch (DataException ex) {
      // Where the file was looked for helps only when it was not found.
      boolean missing = dir != null && !java.nio.file.Files.exists(file);
      // The file as the script names it: the caret is on that name, and the message then reads
      // the same from the command line and an editor (which resolve the script's path differently).
      String written = ((Value.Str) p).value();
      String message = ex.getMessage().startsWith(df.name())
          ? written + ex.getMessage().substring(df.name().length()) : ex.getMessage();
      diags.error("data-file", a.get(0).span(), message, missing
          ? "a data file's path is relative to the script's directory (" + dir + ")" : null);
      return new Value.Bad();
    } catch (ArithmeticException ex) {
      diags.error("data-file", a.get(0).span(), df.name() + ": its shape overflows a size");
      return new Value.Bad();
    }
    if (shape.size() == 0) {
      diags.error("data-file", a.get(0).span(), df.name() + ": holds no values ("
          + shape.rows() + " × " + shape.cols() + ")");
      return new Value.Bad();
    }
    return graph.add(new Op.Load(df, shape.rows(), shape.cols()), shape.rows(), shape.cols(), false);
  }
}
