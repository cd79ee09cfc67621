import dyn.compiler.Compiler;
import dyn.compiler.source.Source;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.regex.*;
public class CheckFuzz {
  static final Pattern TOK = Pattern.compile("[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?|[A-Za-z_][A-Za-z0-9_]*|\"[^\"\\n]*\"|#[^\\n]*|\\S");
  static final String[] NUMS = {"0", "-1", "1e308", "1e-308", "0.5", "3", "100000", "1e9", "-0", "2.5", "1e400", "00", "7"};
  static final String[] PUNCT = {"(", ")", "[", "]", "{", "}", ",", "=", "+", "-", "*", "/", "^", "@", ":", "<", ">", "'", ".", "\n"};
  public static void main(String[] a) throws Exception {
    long seed = Long.parseLong(a[0]); int per = Integer.parseInt(a[1]);
    Random r = new Random(seed);
    Path stdlib = Path.of("stdlib").toAbsolutePath();
    Map<String, String> seen = new TreeMap<>();
    ExecutorService ex = Executors.newSingleThreadExecutor(t -> { Thread th = new Thread(null, t, "fz", 1 << 26); th.setDaemon(true); return th; });
    int total = 0;
    for (int fi = 2; fi < a.length; fi++) {
      Path file = Path.of(a[fi]);
      String text = Files.readString(file);
      List<int[]> toks = new ArrayList<>();
      Matcher m = TOK.matcher(text);
      while (m.find()) if (!m.group().startsWith("#")) toks.add(new int[]{m.start(), m.end()});
      List<String> idents = new ArrayList<>();
      for (int[] t : toks) { String s = text.substring(t[0], t[1]); if (Character.isLetter(s.charAt(0))) idents.add(s); }
      for (int k = 0; k < per; k++) {
        String mut = text; String desc = "";
        int nm = 1 + r.nextInt(2);
        for (int j = 0; j < nm; j++) {
          Matcher mm = TOK.matcher(mut); List<int[]> ts = new ArrayList<>();
          while (mm.find()) if (!mm.group().startsWith("#")) ts.add(new int[]{mm.start(), mm.end()});
          if (ts.isEmpty()) break;
          int[] t = ts.get(r.nextInt(ts.size()));
          String tok = mut.substring(t[0], t[1]);
          int kind = r.nextInt(10); String rep;
          if (kind >= 7) {
            String[] lines = mut.split("\n", -1);
            int i = r.nextInt(lines.length), jj = r.nextInt(lines.length);
            List<String> L = new ArrayList<>(Arrays.asList(lines));
            if (kind == 7) { desc += "[del line " + (i+1) + "]"; L.remove(i); }
            else if (kind == 8) { desc += "[dup line " + (i+1) + " at " + (jj+1) + "]"; L.add(jj, lines[i]); }
            else { desc += "[swap lines " + (i+1) + "," + (jj+1) + "]"; L.set(i, lines[jj]); L.set(jj, lines[i]); }
            mut = String.join("\n", L);
            continue;
          }
          if (Character.isDigit(tok.charAt(0)) && r.nextBoolean()) kind = 0;
          switch (kind) {
            case 0 -> rep = NUMS[r.nextInt(NUMS.length)];
            case 1 -> rep = "";
            case 2 -> rep = tok + " " + tok;
            case 3 -> rep = idents.get(r.nextInt(idents.size()));
            case 4 -> rep = tok + PUNCT[r.nextInt(PUNCT.length)];
            case 5 -> rep = PUNCT[r.nextInt(PUNCT.length)];
            default -> rep = NUMS[r.nextInt(NUMS.length)];
          }
          desc += "[" + tok.replace("\n","\\n") + "->" + rep.replace("\n","\\n") + " @" + t[0] + "]";
          mut = mut.substring(0, t[0]) + rep + mut.substring(t[1]);
        }
        final String src = mut;
        total++;
        Future<String> f = ex.submit(() -> {
          try { Compiler.compile(new Source(file.toString(), src), new Compiler.Options(Map.of(), stdlib)); return null; }
          catch (Throwable e) {
            StringBuilder sb = new StringBuilder(e.toString());
            for (StackTraceElement st : e.getStackTrace()) if (st.getClassName().startsWith("dyn.")) { sb.append(" at ").append(st); break; }
            return sb.toString();
          }
        });
        String res;
        try { res = f.get(20, TimeUnit.SECONDS); } catch (TimeoutException te) { res = "TIMEOUT"; f.cancel(true); ex.shutdownNow(); ex = Executors.newSingleThreadExecutor(t2 -> { Thread th = new Thread(null, t2, "fz", 1 << 26); th.setDaemon(true); return th; }); }
        if (res != null) {
          String key = res.replaceAll("\\d+", "N");
          if (!seen.containsKey(key)) {
            seen.put(key, file + " " + desc);
            System.out.println("CRASH " + res + "\n   in " + file + " " + desc);
            Files.writeString(Cases.dir().resolve("check_case" + seen.size() + ".dyn"), src);
            System.out.println("   saved " + Cases.dir().resolve("check_case" + seen.size() + ".dyn"));
          }
        }
      }
    }
    System.out.println("ran " + total + ", distinct crashes " + seen.size());
  }
}

/** Where mutated scripts that crashed are kept: $TMPDIR/dyn-fuzz. */
final class Cases {
  static Path dir() throws java.io.IOException {
    return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "dyn-fuzz"));
  }
}
