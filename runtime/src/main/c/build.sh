#!/bin/sh
# Compiles critical_blas.c into the module's classes (see CriticalBlas.java). Called by Maven
# with the JDK's home and the output folder. Optional: where this is not Linux x86-64 or there
# is no C compiler it says so and succeeds, and dyn copies BLAS operands instead.
java_home="$1"
out="$2"
src="$(dirname "$0")/critical_blas.c"
if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
  exit 0
fi
cc="${CC:-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "dyn: no C compiler ($cc): large BLAS products will copy their operands (slower, same results)" >&2
  exit 0
fi
mkdir -p "$out" || exit 0
if ! "$cc" -O2 -shared -fPIC -I"$java_home/include" -I"$java_home/include/linux" \
     -o "$out/libdyncriticalblas.so.tmp" "$src" -ldl; then
  echo "dyn: compiling critical_blas.c failed: large BLAS products will copy their operands" >&2
  rm -f "$out/libdyncriticalblas.so.tmp"
  exit 0
fi
mv -f "$out/libdyncriticalblas.so.tmp" "$out/libdyncriticalblas.so"
