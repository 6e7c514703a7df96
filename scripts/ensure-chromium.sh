#!/usr/bin/env bash
# The browser test drives Debian's Chromium (Playwright cannot download a browser here).
# Installs the `chromium` package when it is missing and we are root; otherwise says what to install.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium package for the browser test..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  command -v chromium >/dev/null 2>&1 && exit 0
fi
echo "The browser test needs Debian's 'chromium' package (the 'chromium' command)." >&2
echo "Install it with: sudo apt-get install chromium" >&2
exit 1
