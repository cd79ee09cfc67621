package dyn.cli.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A search ({@code sweep s = carbs(…)}) through {@code dyn sweep --on slurm} against a real Slurm
 * on this machine, set up and torn down exactly as {@link SlurmSweepTest} does (and skipped as
 * loudly where it cannot be). Six points, three per batch: each batch must go to Slurm as one
 * job array of exactly its three tasks, the second suggested from the first's results, and the
 * search must end with the files a local {@code dyn run --jobs 3} writes (the cost is a metric,
 * not wall time, so both suggest the same points). Then the last batch's results are deleted, as
 * a kill before they were written leaves it: the same command resumes, reads the three recorded
 * points, submits only the last batch again and ends with the same files.
 */
class SlurmSearchTest {
  private static final Path SCRIPT = Path.of(System.getProperty("dyn.root", "..")).toAbsolutePath().normalize()
      .resolve("cli/src/test/resources/slurm/tiny_search.dyn");
  private static final Pattern SUBMITTED = Pattern.compile("submitted array job (\\d+): tasks (\\S+) ");

  @BeforeAll
  static void startSlurm() throws Exception {
    SlurmSweepTest.startSlurm();
  }

  @AfterAll
  static void stopSlurm() throws Exception {
    SlurmSweepTest.stopSlurm();
  }

  private static List<String> arrays(String out) {
    List<String> specs = new ArrayList<>();
    Matcher m = SUBMITTED.matcher(out);
    while (m.find()) specs.add(m.group(2));
    return specs;
  }

  @Test
  void aSearchRunsEachBatchAsAJobArrayAndResumesFromItsRecordedPoints() throws Exception {
    Path local = SlurmSweepTest.work.resolve("search-local");
    Path onSlurm = SlurmSweepTest.work.resolve("search-slurm");
    SlurmSweepTest.Ran l = SlurmSweepTest.dyn("run", SCRIPT.toString(), "--out", local.toString(), "--jobs", "3");
    assertEquals(0, l.code(), l.out());
    Map<String, byte[]> expected = SlurmSweepTest.gathered(local);
    assertTrue(expected.containsKey("sweep-s/points.csv") && expected.containsKey("sweep-s/frontier.csv"),
        "the local search wrote no points.csv/frontier.csv: " + expected.keySet());

    SlurmSweepTest.Ran s = SlurmSweepTest.dyn("sweep", "--on", "slurm", SCRIPT.toString(), "--out",
        onSlurm.toString(), "--jobs", "3", "--max-parallel", "2", "--poll", "0.5");
    assertEquals(0, s.code(), s.out());
    assertEquals(List.of("0-2%2", "3-5%2"), arrays(s.out()), s.out());
    assertTrue(s.out().contains("search s: 6 points, 6 run, 0 recorded"), s.out());
    SlurmSweepTest.assertSameFiles(expected, SlurmSweepTest.gathered(onSlurm));
    Path sweepDir = onSlurm.resolve("sweep-s");
    // Each point ran as an array task (dyn run --task I), not in the submitting process.
    for (int t = 0; t < 6; t++) {
      assertTrue(Files.readString(sweepDir.resolve("points/" + t + "/manifest.json")).contains("--task"),
          "point " + t + " did not run as an array task");
    }

    // Killed before the last batch's results were written: resume from the three recorded points.
    for (int t = 3; t < 6; t++) Files.delete(sweepDir.resolve("points/" + t + "/result.json"));
    Files.delete(sweepDir.resolve("frontier.csv"));
    byte[] recorded = Files.readAllBytes(sweepDir.resolve("points/0/result.json"));
    SlurmSweepTest.Ran again = SlurmSweepTest.dyn("sweep", "--on", "slurm", SCRIPT.toString(), "--out",
        onSlurm.toString(), "--jobs", "3", "--poll", "0.5");
    assertEquals(0, again.code(), again.out());
    assertEquals(List.of("3-5"), arrays(again.out()), again.out());
    assertTrue(again.out().contains("search s: 6 points, 3 run, 3 recorded"), again.out());
    assertEquals(new String(recorded), Files.readString(sweepDir.resolve("points/0/result.json")),
        "a recorded point was recomputed");
    List<String> submissions = Files.readAllLines(sweepDir.resolve("slurm/submissions.tsv")).stream()
        .map(x -> x.replaceFirst("\t\\d+\t", "\tJOB\t")).collect(Collectors.toList());
    assertEquals(List.of("array\tJOB\t0-2%2", "array\tJOB\t3-5%2", "array\tJOB\t3-5"), submissions);
    SlurmSweepTest.assertSameFiles(expected, SlurmSweepTest.gathered(onSlurm));
    assertFalse(Files.exists(sweepDir.resolve("slurm/gather.sbatch")), "a search gathers in the submitting process");
  }
}
