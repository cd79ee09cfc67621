#!/usr/bin/env bash
# Builds the bundle that runs dyn on a GPU machine (no JDK, no network there): a jlink Java
# runtime, dyn's jars with their dependencies (JCuda's natives slimmed to the driver-API
# library), the test classes and JUnit for the parity tests, and a compiled test runner.
#
#   tools/gpu/package.sh            -> target/gpu-bundle (carry it: `target/gpu-bundle`)
#
# Then on the GPU machine, from the repository root:
#   tools/gpu/run-parity.sh         parity tests, a skip counts as a failure
#   tools/gpu/bench.sh              CPU vs CUDA steps/s on the large workload, in one run
#   tools/gpu/examples.sh           the training examples under --backend cuda against their goldens
# Must stay under the 64 MiB a device call carries; the script prints the size and fails above it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/target/gpu-bundle"
cd "$root"

mvn -q -B -DskipTests package
# Test classes (parity tests and their helpers) and the JUnit jars they need.
mvn -q -B -pl runtime -am test-compile -DskipTests
rm -rf "$out"
mkdir -p "$out/lib" "$out/test-lib" "$out/test-classes"
cp cli/target/dyn-cli-*.jar "$out/lib/"
for j in cli/target/lib/*.jar; do
  case "$(basename "$j")" in
    jcuda-natives-*) ;;   # replaced below by the driver-API library alone
    jline-*) ;;           # the REPL's; not used on the GPU machine
    *) cp "$j" "$out/lib/" ;;
  esac
done

# JCuda's natives jar carries NVRTC, the runtime API and nvPTXCompiler (26 MB); dyn needs only
# the driver API (libJCudaDriver, which links against libcuda.so.1 alone).
natives="$(ls "$HOME"/.m2/repository/org/jcuda/jcuda-natives/*/jcuda-natives-*-linux-x86_64.jar | sort | tail -n 1)"
tmp="$(mktemp -d)"
(cd "$tmp" && unzip -q "$natives" 'lib/libJCudaDriver-*' && jar --create --file "$out/lib/jcuda-natives-driver-linux-x86_64.jar" lib)
rm -rf "$tmp"

cp -r runtime/target/test-classes/. "$out/test-classes/"
m2="$HOME/.m2/repository"
junit="$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml)"
platform="1.${junit#5.}"
for j in \
    "org/junit/jupiter/junit-jupiter-api/$junit/junit-jupiter-api-$junit.jar" \
    "org/junit/jupiter/junit-jupiter-engine/$junit/junit-jupiter-engine-$junit.jar" \
    "org/junit/jupiter/junit-jupiter-params/$junit/junit-jupiter-params-$junit.jar" \
    "org/junit/platform/junit-platform-commons/$platform/junit-platform-commons-$platform.jar" \
    "org/junit/platform/junit-platform-engine/$platform/junit-platform-engine-$platform.jar" \
    "org/junit/platform/junit-platform-launcher/$platform/junit-platform-launcher-$platform.jar"; do
  [ -f "$m2/$j" ] || { echo "error: $m2/$j is missing (run mvn test once)" >&2; exit 3; }
  cp "$m2/$j" "$out/test-lib/"
done
cp "$(ls "$m2"/org/opentest4j/opentest4j/*/opentest4j-*.jar | sort | tail -n 1)" "$out/test-lib/"
cp "$(ls "$m2"/org/apiguardian/apiguardian-api/*/apiguardian-api-*.jar | sort | tail -n 1)" "$out/test-lib/"
javac -d "$out/test-classes" -cp "$out/test-lib/*" tools/gpu/RunGpuTests.java

# The Java runtime: jdk.unsupported for JavaCPP (OpenBLAS), java.logging for libraries that log,
# jdk.incubator.vector for the CPU fused kernels (the cpu side of the benchmark uses them),
# java.management for the CPU time an AGF prediction reports (without it AGF stopped with a
# NoClassDefFoundError on the first GPU machine).
# java.desktop (plots through XChart) adds ~15 MB and pushes the bundle over the limit: set
# DYN_JLINK_MODULES to add it (and drop something else) when a GPU run must draw plots.
modules="${DYN_JLINK_MODULES:-java.base,java.logging,java.management,jdk.unsupported,jdk.incubator.vector}"
jlink --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/java"

size=$(du -sb "$out" | cut -f1)
echo "bundle: $out, $((size / 1024 / 1024)) MiB"
du -sh "$out"/* | sed 's/^/  /'
if [ "$size" -gt $((64 * 1024 * 1024)) ]; then
  echo "error: the bundle is over the 64 MiB a device call carries" >&2
  exit 3
fi
