#!/usr/bin/env bash
# Builds the page and the server, then runs it: java -jar backend/target/tidings.jar [options].
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
exec java -jar backend/target/tidings.jar "$@"
