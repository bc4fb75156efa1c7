# Sourced by ./mvnw and ./bert4j (POSIX sh). Makes JAVA_HOME point at a JDK 25 or newer.
# Order: JAVA_HOME if it already is one, then `java` on PATH, then the usual JVM folders.
# Prints what is missing and exits when no JDK 25 can be found.
bert4j_java_feature() {
  # prints the feature release of the JDK at $1 (e.g. 25), or nothing. Reads the JDK's `release` file
  # first: starting a JVM only to ask its version costs 0.1-0.2 s per candidate on every launch.
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    # read in the shell itself: a sed per candidate is a few milliseconds on every launch
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        JAVA_VERSION=*)
          line=${line#JAVA_VERSION=\"}
          echo "${line%%[!0-9]*}"
          return 0 ;;
      esac
    done <"$1/release"
    return 0
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
bert4j_find_jdk() {
  for candidate in "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null)" 2>/dev/null)" 2>/dev/null)" 2>/dev/null)" \
      /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    feature=$(bert4j_java_feature "$candidate")
    if [ -n "$feature" ] && [ "$feature" -ge 25 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
if bert4j_jdk=$(bert4j_find_jdk); then
  JAVA_HOME=$bert4j_jdk
  export JAVA_HOME
else
  echo "bert4j needs a JDK 25 or newer (with javac and the jdk.incubator.vector module)." >&2
  echo "None was found in JAVA_HOME (${JAVA_HOME:-unset}), on PATH, or under /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks." >&2
  echo "Install one (for example Temurin 25) and set JAVA_HOME to its folder." >&2
  exit 1
fi
