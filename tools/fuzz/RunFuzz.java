import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.regex.*;
public class RunFuzz {
  static final Pattern TOK = Pattern.compile("[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?|[A-Za-z_][A-Za-z0-9_]*|\"[^\"\\n]*\"|#[^\\n]*|\\S");
  static final String[] NUMS = {"0", "-1", "1e308", "1e-308", "0.5", "3", "1e5", "1e9", "-0", "2.5", "1", "2", "7", "1e-12", "1e3", "-3"};
  static final String[] PUNCT = {"(", ")", "[", "]", ",", "=", "+", "-", "*", "/", "^", "@", "'", "\n"};
  public static void main(String[] a) throws Exception {
    long seed = Long.parseLong(a[0]); int per = Integer.parseInt(a[1]);
    Random r = new Random(seed);
    Set<String> seen = new TreeSet<>();
    int total = 0, n = 0;
    for (int fi = 2; fi < a.length; fi++) {
      Path file = Path.of(a[fi]);
      String text = Files.readString(file);
      List<String> idents = new ArrayList<>();
      Matcher m0 = TOK.matcher(text);
      while (m0.find()) { String s = m0.group(); if (Character.isLetter(s.charAt(0))) idents.add(s); }
      for (int k = 0; k < per; k++) {
        String mut = text; String desc = "";
        Matcher mm = TOK.matcher(mut); List<int[]> ts = new ArrayList<>(); List<int[]> nums = new ArrayList<>();
        while (mm.find()) if (!mm.group().startsWith("#")) { ts.add(new int[]{mm.start(), mm.end()}); if (Character.isDigit(mm.group().charAt(0))) nums.add(new int[]{mm.start(), mm.end()}); }
        boolean numeric = r.nextInt(3) > 0 && !nums.isEmpty();
        int[] t = numeric ? nums.get(r.nextInt(nums.size())) : ts.get(r.nextInt(ts.size()));
        String tok = mut.substring(t[0], t[1]);
        String rep;
        if (numeric) rep = NUMS[r.nextInt(NUMS.length)];
        else switch (r.nextInt(4)) {
          case 0 -> rep = "";
          case 1 -> rep = idents.get(r.nextInt(idents.size()));
          case 2 -> rep = tok + PUNCT[r.nextInt(PUNCT.length)];
          default -> rep = NUMS[r.nextInt(NUMS.length)];
        }
        desc = "[" + tok.replace("\n","\\n") + "->" + rep.replace("\n","\\n") + " @line " + (mut.substring(0, t[0]).split("\n", -1).length) + "]";
        mut = mut.substring(0, t[0]) + rep + mut.substring(t[1]);
        Path tmp = file.resolveSibling(".fuzz_" + file.getFileName());
        Files.writeString(tmp, mut);
        Path out = Files.createTempDirectory("fzout");
        total++;
        ProcessBuilder pb = new ProcessBuilder(Path.of("dyn").toAbsolutePath().toString(), "run", tmp.toString(), "--out", out.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        Thread rd = new Thread(() -> { try { p.getInputStream().transferTo(bo); } catch (IOException e) {} });
        rd.start();
        boolean done = p.waitFor(40, TimeUnit.SECONDS);
        if (!done) { p.descendants().forEach(ProcessHandle::destroyForcibly); p.destroyForcibly(); p.waitFor(); }
        rd.join(2000);
        String o = bo.toString();
        String bad = null;
        if (!done) bad = "TIMEOUT";
        else if (o.contains("internal error") || o.contains("Exception") || o.contains("\tat ")) {
          Matcher em = Pattern.compile("(internal error[^\n]*|[A-Za-z.]*Exception[^\n]*)").matcher(o);
          bad = em.find() ? em.group(1) : "trace";
        }
        if (bad != null) {
          String key = bad.replaceAll("\\d+", "N");
          n++;
          Path save = Cases.dir().resolve("run_case" + n + ".dyn");
          Files.writeString(save, mut);
          System.out.println((seen.add(key) ? "NEW " : "again ") + bad + "\n   in " + file + " " + desc + " saved " + save);
          System.out.flush();
        }
        deleteTree(out);
        Files.deleteIfExists(tmp);
      }
    }
    System.out.println("ran " + total + ", distinct " + seen.size());
  }
  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (var s = Files.walk(p)) { s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete()); }
  }
}

/** Where mutated scripts that crashed are kept: $TMPDIR/dyn-fuzz. */
final class Cases {
  static Path dir() throws java.io.IOException {
    return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "dyn-fuzz"));
  }
}
