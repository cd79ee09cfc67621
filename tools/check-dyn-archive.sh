#!/usr/bin/env bash
# Checks ./dyn's class-data archive end to end, on this checkout's build (built first if needed):
#   1. a start maps the archive (classes come from it);
#   2. after a jar changes outside ./dyn (as `mvn package` changes them) the archive is rewritten
#      and mapped again, not silently ignored by the JVM;
#   3. a JVM that cannot write an archive leaves a marker: dyn still runs (without the archive),
#      and the next start does not retry the dump;
#   4. DYN_CDS=0 maps nothing;
#   5. back on the real JVM, the archive is written and mapped again;
#   6. sources changed and then built by `mvn package` outside ./dyn are not built again.
# Not part of `mvn test`: it needs the packaged jars, which the test phase precedes. It touches
# one jar's modification time, so the next ./dyn rewrites the archive once (~10 s).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Classes one `dyn check` takes from dyn's archive (the JVM's log marks them "(top)").
from_archive() {
  rm -f "$scratch/classes.log"
  JAVA_TOOL_OPTIONS="-Xlog:class+load:file=$scratch/classes.log" "$@" ./dyn check \
    examples/saddle_linear.dyn >/dev/null 2>&1 || fail "dyn check exited non-zero"
  grep -c 'shared objects file (top)' "$scratch/classes.log" || true
}

n="$(from_archive env)"
[ "$n" -gt 100 ] || fail "1: only $n classes from the archive"
echo "ok 1: $n classes from the archive"

touch cli/target/lib/dyn-compiler-*.jar
n="$(from_archive env)"
[ "$n" -gt 100 ] || fail "2: after a jar changed, $n classes from the archive"
[ cli/target/dyn.jsa -nt cli/target/lib/dyn-compiler-*.jar ] || fail "2: archive not rewritten"
echo "ok 2: archive rewritten after a jar changed; $n classes from it"

mkdir "$scratch/bin"
cat > "$scratch/bin/java" <<EOF
#!/usr/bin/env bash
for a in "\$@"; do
  case "\$a" in -XX:ArchiveClassesAtExit=*) echo dump >> "$scratch/dumps"; exit 1 ;; esac
done
exec "$(command -v java)" "\$@"
EOF
chmod +x "$scratch/bin/java"
n1="$(from_archive env PATH="$scratch/bin:$PATH")"
n2="$(from_archive env PATH="$scratch/bin:$PATH")"
dumps="$(wc -l < "$scratch/dumps")"
[ "$n1" = 0 ] && [ "$n2" = 0 ] || fail "3: a JVM that wrote no archive mapped one ($n1, $n2)"
[ "$dumps" = 1 ] || fail "3: $dumps dump attempts in two starts (expected 1)"
[ -f cli/target/dyn.jsa.failed ] || fail "3: no marker"
echo "ok 3: a failed dump ran without the archive and was tried once in two starts"

n="$(from_archive env DYN_CDS=0)"
[ "$n" = 0 ] || fail "4: DYN_CDS=0 mapped $n classes"
echo "ok 4: DYN_CDS=0 maps nothing"

# The real JVM again: its key differs from the failed one, so the archive is rewritten.
n="$(from_archive env)"
[ "$n" -gt 100 ] && [ ! -f cli/target/dyn.jsa.failed ] || fail "5: archive not restored ($n)"
echo "ok 5: the archive is written again by a JVM that can"

# ./dyn's stamp is older than the edit, but the jars mvn just built are newer than every source.
touch runtime/src/main/java/dyn/runtime/sink/Num.java
mvn -q -B -DskipTests package >/dev/null
err="$(./dyn check examples/saddle_linear.dyn 2>&1 >/dev/null)"
[[ "$err" != *building* ]] || fail "6: ./dyn built again what mvn package had built: $err"
echo "ok 6: a build made outside ./dyn is used as it is"
echo "6 passed, 0 failed"
