import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs dyn's GPU tests on a machine without Maven (the GPU machines): the classes named on the
 * command line, through the JUnit Platform launcher. Exit 0 only when every GPU test ran and
 * passed: a test skipped for want of a GPU (its reason starts "no GPU") counts as a failure here.
 * A test that checks the no-GPU path is skipped where a GPU is present, which is as it should be:
 * it is listed with its reason and does not fail the run.
 */
public final class RunGpuTests {
  public static void main(String[] args) {
    LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request();
    for (String c : args) b.selectors(selectClass(c));
    LauncherDiscoveryRequest request = b.build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    List<String> noGpu = new ArrayList<>();
    List<String> notForGpu = new ArrayList<>();
    TestExecutionListener skips = new TestExecutionListener() {
      @Override
      public void executionSkipped(TestIdentifier test, String reason) {
        skipped(test, reason);
      }

      @Override
      public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() != TestExecutionResult.Status.ABORTED) return;
        skipped(test, result.getThrowable().map(Throwable::getMessage).orElse(""));
      }

      /** Lists a skip (a @Disabled reason, or an assumption's message) by whether a GPU was wanting. */
      private void skipped(TestIdentifier test, String reason) {
        String why = reason == null ? "" : reason.replaceFirst("^Assumption failed: ", "");
        (why.startsWith("no GPU") ? noGpu : notForGpu).add(test.getDisplayName() + ": " + reason);
      }
    };
    launcher.execute(request, listener, skips);
    TestExecutionSummary s = listener.getSummary();
    PrintWriter out = new PrintWriter(System.out, true);
    s.printTo(out);
    s.printFailuresTo(out, 30);
    for (String t : notForGpu) System.out.println("skipped (not a GPU check): " + t);
    for (String t : noGpu) System.out.println("SKIPPED FOR WANT OF A GPU: " + t);
    long skipped = s.getTestsSkippedCount() + s.getTestsAbortedCount();
    System.out.println("GPU TESTS: found " + s.getTestsFoundCount() + ", passed "
        + s.getTestsSucceededCount() + ", failed " + s.getTestsFailedCount() + ", skipped/aborted "
        + skipped + " (" + noGpu.size() + " for want of a GPU)");
    System.exit(s.getTestsFailedCount() == 0 && noGpu.isEmpty() && skipped == notForGpu.size()
        && s.getTestsFoundCount() > 0 ? 0 : 1);
  }
}
