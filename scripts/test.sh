#!/usr/bin/env bash
# Every test, from a fresh clone: backend (JUnit over real HTTP, nginx in front of a cluster), page protocol (Vitest), real browser (Playwright + Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh
bash scripts/ensure-nginx.sh
npm install --no-audit --no-fund

# Builds the page into the jar, runs the backend tests, and leaves backend/target/tidings.jar for the browser test.
mvn -B verify

npm run test --workspace frontend
npm run test:e2e --workspace frontend
