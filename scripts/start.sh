#!/usr/bin/env bash
# Builds the page and the server, then runs it: java -jar backend/target/tidings.jar [options].
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
# The serial collector, a small young generation and trimming the C heap (where the JIT's freed
# memory stays otherwise) keep an idle stream at about 7 KiB of resident memory instead of about
# 21 KiB with the JVM's defaults (README, Performance). TIDINGS_JAVA_OPTS replaces them; set it
# empty for the JVM's defaults.
# shellcheck disable=SC2086 # the options are words
exec java ${TIDINGS_JAVA_OPTS--XX:+UseSerialGC -Xmn32m -XX:TrimNativeHeapInterval=2000} -jar backend/target/tidings.jar "$@"
