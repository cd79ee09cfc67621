package dyn.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dyn.compiler.data.DataException;
import dyn.compiler.data.DataFile;
import dyn.compiler.plan.DataStep;
import dyn.compiler.plan.Graph;
import dyn.compiler.plan.Op;
import dyn.compiler.plan.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data step that loads a file: the values as written, transposed to samples-as-columns. */
class LoadedDataTest {
  @TempDir Path dir;

  private static DataStep step(Path csv) {
    DataFile f = new DataFile(DataFile.Format.CSV, csv, 1);
    Graph g = new Graph(List.of(new Graph.Node(new Op.Load(f, 3, 2), 3, 2),
        new Graph.Node(new Op.Transpose(0), 2, 3),
        new Graph.Node(new Op.Slice(1, 1, 1), 1, 3)), List.of(1, 2));
    return new DataStep(0, "d", Origin.none(), g, List.of("x", "y"));
  }

  @Test
  void csvRowsBecomeSampleColumns() throws IOException {
    Path csv = Files.writeString(dir.resolve("t.csv"), "a,b\n1,10\n2,20\n3,30\n");
    Dataset d = DataGenerator.generate(step(csv));
    assertArrayEquals(new double[] {1, 2, 3, 10, 20, 30}, d.get("x").get().data);
    assertArrayEquals(new double[] {10, 20, 30}, d.get("y").get().data);
  }

  @Test
  void aFileThatChangedSinceTheCheckFailsTheDataStep() throws IOException {
    Path csv = Files.writeString(dir.resolve("t.csv"), "a,b\n1,10\n2,20\n");
    DataException e = assertThrows(DataException.class, () -> DataGenerator.generate(step(csv)));
    assertEquals(csv + ": is now 2 × 2, but was 3 × 2 when the script was checked", e.getMessage());
  }
}
