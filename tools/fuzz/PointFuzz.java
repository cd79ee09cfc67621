// Compiles every sweep example at points whose swept params take odd values (0, -1, 1e308,
// 1e-308, 100000, ...), through the per-point path a sweep uses (Compiler.Prepared.at), and
// reports any exception or a compile that takes over 30 s. Usage: see README.md.
import dyn.compiler.Compiler;
import dyn.compiler.plan.Plan;
import dyn.compiler.source.Source;
import java.nio.file.*;
import java.util.*;
public class PointFuzz {
  public static void main(String[] a) throws Exception {
    String[] vals = {"0", "-1", "0.5", "1e308", "1e-308", "3", "1e9", "-0", "2.5", "100000"};
    int n = 0, bad = 0;
    for (String f : a) {
      Source src = Source.read(Path.of(f));
      Compiler.Options opts = new Compiler.Options(Map.of(), Path.of("stdlib").toAbsolutePath());
      var c0 = Compiler.compile(src, opts);
      if (c0.plan().isEmpty() || c0.plan().get().sweep().isEmpty()) continue;
      List<String> params = c0.plan().get().sweep().get().params();
      Compiler.Prepared p = Compiler.prepare(src, opts);
      Random r = new Random(f.hashCode());
      for (int k = 0; k < 60; k++) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String q : params) v.put(q, vals[r.nextInt(vals.length)]);
        n++;
        Thread t = new Thread(null, () -> {
          try { p.at(v); } catch (Throwable e) { System.out.println("CRASH " + f + " " + v + ": " + e); e.printStackTrace(System.out); }
        }, "pf", 1 << 26);
        t.start(); t.join(30000);
        if (t.isAlive()) { System.out.println("TIMEOUT " + f + " " + v); }
      }
    }
    System.out.println("points " + n);
  }
}
