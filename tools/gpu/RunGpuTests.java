import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs dyn's GPU tests on a machine without Maven (the GPU machines): the classes named on the
 * command line, through the JUnit Platform launcher. Exit 0 only when every test ran and passed:
 * a skipped test counts as a failure here, because skipping is what happens without a GPU.
 */
public final class RunGpuTests {
  public static void main(String[] args) {
    LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request();
    for (String c : args) b.selectors(selectClass(c));
    LauncherDiscoveryRequest request = b.build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary s = listener.getSummary();
    PrintWriter out = new PrintWriter(System.out, true);
    s.printTo(out);
    s.printFailuresTo(out, 30);
    long skipped = s.getTestsSkippedCount() + s.getTestsAbortedCount();
    System.out.println("GPU TESTS: found " + s.getTestsFoundCount() + ", passed "
        + s.getTestsSucceededCount() + ", failed " + s.getTestsFailedCount() + ", skipped/aborted "
        + skipped);
    System.exit(s.getTestsFailedCount() == 0 && skipped == 0 && s.getTestsFoundCount() > 0 ? 0 : 1);
  }
}
