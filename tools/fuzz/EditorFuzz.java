import java.lang.reflect.*;
import java.nio.file.*;
import java.util.*;
import java.util.regex.*;
public class EditorFuzz {
  public static void main(String[] a) throws Exception {
    Random r = new Random(Long.parseLong(a[0])); int per = Integer.parseInt(a[1]);
    Path stdlib = Path.of("stdlib").toAbsolutePath();
    Class<?> an = Class.forName("dyn.cli.lsp.Analyzer");
    Constructor<?> ac = an.getDeclaredConstructor(Path.class, int.class); ac.setAccessible(true);
    Object analyzer = ac.newInstance(stdlib, 1 << 20);
    Method analyze = an.getDeclaredMethod("analyze", String.class, String.class); analyze.setAccessible(true);
    Class<?> analysis = Class.forName("dyn.cli.lsp.Analysis");
    Class<?> co = Class.forName("dyn.cli.lsp.Completions");
    Constructor<?> cc = co.getDeclaredConstructor(Path.class); cc.setAccessible(true);
    Object comps = cc.newInstance(stdlib);
    Method at = co.getDeclaredMethod("at", analysis, int.class); at.setAccessible(true);
    Class<?> lk = Class.forName("dyn.cli.lsp.Lookup");
    Method lat = lk.getDeclaredMethod("at", analysis, int.class); lat.setAccessible(true);
    Set<String> seen = new TreeSet<>(); int total = 0;
    for (int fi = 2; fi < a.length; fi++) {
      Path file = Path.of(a[fi]).toAbsolutePath();
      String text = Files.readString(file);
      for (int k = 0; k < per; k++) {
        // an editor's states: the text cut at a random point, with a random piece removed or typed
        String t = text;
        int cut = r.nextInt(t.length() + 1);
        switch (r.nextInt(4)) {
          case 0 -> t = t.substring(0, cut);
          case 1 -> { int e = Math.min(t.length(), cut + r.nextInt(40)); t = t.substring(0, cut) + t.substring(e); }
          case 2 -> { String[] ins = {"(", ")", "[", "]", ",", "=", ".", "'", "\"", "{", "}", "\n", " ", "#", "@", "^", "1e", "x.", "s.", "gd.", "= ", "import ", "check "}; t = t.substring(0, cut) + ins[r.nextInt(ins.length)] + t.substring(cut); }
          default -> { int e = Math.min(t.length(), cut + r.nextInt(200)); t = t.substring(0, cut) + t.substring(cut, e).toUpperCase() + t.substring(e); }
        }
        total++;
        String step = "analyze";
        try {
          Object an1 = analyze.invoke(analyzer, file.toUri().toString(), t);
          for (int q = 0; q < 5; q++) {
            int off = r.nextInt(t.length() + 1);
            step = "complete@" + off; at.invoke(comps, an1, off);
            step = "lookup@" + off; lat.invoke(null, an1, off);
          }
        } catch (InvocationTargetException e) {
          Throwable c = e.getCause();
          String where = "";
          for (StackTraceElement st : c.getStackTrace()) if (st.getClassName().startsWith("dyn.")) { where = st.toString(); break; }
          String key = c.getClass().getName() + " " + where.replaceAll(":\\d+", "");
          if (seen.add(key)) {
            int n = seen.size();
            Files.writeString(Cases.dir().resolve("editor_case" + n + ".dyn"), t);
            System.out.println("NEW " + step + " " + c + "\n   at " + where + "\n   file " + file + " saved " + Cases.dir().resolve("editor_case" + n + ".dyn"));
            System.out.flush();
          }
        }
      }
    }
    System.out.println("ran " + total + ", distinct " + seen.size());
  }
}

/** Where mutated scripts that crashed are kept: $TMPDIR/dyn-fuzz. */
final class Cases {
  static Path dir() throws java.io.IOException {
    return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "dyn-fuzz"));
  }
}
