package dyn.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dyn.compiler.plan.Op;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the CUDA backend without a GPU: the committed PTX is on the class path,
 * is PTX the CUDA 13 driver accepts, exports exactly the kernels the Java side launches with the
 * parameter types it passes, and the kernels' enum codes are the plan's.
 */
class PtxResourceTest {
  private static final Pattern ENTRY = Pattern.compile("\\.visible \\.entry (\\w+)\\(([^)]*)\\)");
  private static final Pattern PARAM = Pattern.compile("\\.param \\.(\\w+)");

  private static Map<String, String> entries(String ptx) {
    Map<String, String> m = new LinkedHashMap<>();
    Matcher e = ENTRY.matcher(ptx);
    while (e.find()) {
      StringBuilder sig = new StringBuilder();
      Matcher p = PARAM.matcher(e.group(2));
      while (p.find()) {
        switch (p.group(1)) {
          case "u32":
          case "s32":
            sig.append('i');
            break;
          case "u64":
          case "s64":
            sig.append('w');
            break;
          case "f64":
            sig.append('d');
            break;
          default:
            sig.append('?');
        }
      }
      m.put(e.group(1), sig.toString());
    }
    return m;
  }

  @Test
  void ptxExportsEveryKernelWithTheParametersJavaPasses() throws Exception {
    String ptx = CudaDevice.ptxText();
    assertEquals(CudaKernels.SIGNATURES, entries(ptx));
  }

  @Test
  void ptxIsPortableAndLoadableByACuda13Driver() throws Exception {
    String ptx = CudaDevice.ptxText();
    Matcher v = Pattern.compile("(?m)^\\.version (\\d+)\\.(\\d+)").matcher(ptx);
    assertTrue(v.find(), "no .version line");
    int major = Integer.parseInt(v.group(1));
    // PTX ISA 9.x is CUDA 13's; a CUDA 13 driver (r580, the GPU machines') JIT-compiles it.
    assertTrue(major <= 9, "PTX ISA " + v.group(1) + "." + v.group(2) + " is newer than CUDA 13");
    Matcher t = Pattern.compile("(?m)^\\.target sm_(\\d+)").matcher(ptx);
    assertTrue(t.find(), "no .target line");
    assertTrue(Integer.parseInt(t.group(1)) <= 80, "PTX targets sm_" + t.group(1) + ": too new for A100");
    assertTrue(ptx.contains(".address_size 64"));
    // Driver JIT needs the text NUL-terminated.
    byte[] z = CudaDevice.ptx();
    assertEquals(0, z[z.length - 1]);
  }

  @Test
  void kernelEnumCodesAreThePlansOrdinals() throws IOException {
    Path cu = Path.of(System.getProperty("dyn.root", "..")).resolve("runtime/src/main/cuda/dyn_kernels.cu");
    String src = Files.readString(cu);
    for (Op.BinaryFn f : Op.BinaryFn.values()) assertDefine(src, "BINARY_" + f.name(), f.ordinal());
    for (Op.UnaryFn f : Op.UnaryFn.values()) assertDefine(src, "U_" + f.name(), f.ordinal());
    for (Op.Axis a : Op.Axis.values()) assertDefine(src, "AXIS_" + a.name(), a.ordinal());
  }

  private static void assertDefine(String src, String name, int value) {
    Matcher m = Pattern.compile("#define " + name + " (\\d+)").matcher(src);
    assertTrue(m.find(), "dyn_kernels.cu does not define " + name);
    assertEquals(value, Integer.parseInt(m.group(1)), name);
  }

  @Test
  void committedPtxIsNotOlderThanTheKernelSource() throws Exception {
    // The PTX and the .cu must change together (tools/build-ptx.sh); every kernel in the .cu
    // must therefore appear in the PTX.
    Path cu = Path.of(System.getProperty("dyn.root", "..")).resolve("runtime/src/main/cuda/dyn_kernels.cu");
    Matcher k = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(").matcher(Files.readString(cu));
    Map<String, String> inPtx = entries(CudaDevice.ptxText());
    int count = 0;
    while (k.find()) {
      assertTrue(inPtx.containsKey(k.group(1)), k.group(1) + " is in the .cu but not in the PTX: run tools/build-ptx.sh");
      count++;
    }
    assertEquals(inPtx.size(), count);
  }
}
