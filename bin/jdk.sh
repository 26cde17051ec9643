# Sourced by ./mvnw and ./watchkeeper: points JAVA_HOME at a JDK 25 or newer.
# JAVA_HOME wins when it is already 25+; otherwise the usual install places are searched,
# because the default `java` on our machines is 17 and Watchkeeper is built for 25.

# Sets wk_major to the major version of the JDK at $1 (empty if unknown). Reads the release file with bash alone:
# the launcher runs this on every command, and each process started costs milliseconds.
wk_java_major() {
  local home=$1 v="" line
  if [ -f "$home/release" ]; then
    while IFS= read -r line; do
      case $line in JAVA_VERSION=*) v=${line#JAVA_VERSION=\"}; v=${v%%\"*}; break ;; esac
    done <"$home/release"
  fi
  if [ -z "$v" ] && [ -x "$home/bin/java" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  v=${v#1.}
  wk_major=${v%%[.+-]*}
}

wk_find_jdk() {
  local want=25 candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    wk_java_major "$JAVA_HOME"; major=$wk_major
    if [ -n "$major" ] && [ "$major" -ge "$want" ] 2>/dev/null; then
      return 0
    fi
    echo "JAVA_HOME=$JAVA_HOME is Java ${major:-unknown}; looking for a JDK $want." >&2
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$candidate/bin/javac" ] || continue
    wk_java_major "$candidate"; major=$wk_major
    if [ -n "$major" ] && [ "$major" -ge "$want" ] 2>/dev/null; then
      JAVA_HOME=$(cd "$candidate" && pwd -P)
      export JAVA_HOME
      return 0
    fi
  done
  echo "Watchkeeper needs a JDK $want or newer: none found. Install one (e.g. Temurin 25) or set JAVA_HOME." >&2
  return 1
}

wk_find_jdk || exit 1
