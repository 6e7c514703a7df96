#!/usr/bin/env bash
# The nginx tests (backend/src/test/java/io/tidings/cluster/NginxIT.java, frontend/e2e/resume.test.mjs) run
# Debian's nginx on ports of their own; the browser test makes nginx's TLS certificate with openssl.
# Installs the `nginx` and `openssl` packages when missing and we are root; otherwise says what to install.
set -euo pipefail
have_nginx() { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; }
have_openssl() { command -v openssl >/dev/null 2>&1; }
if have_nginx && have_openssl; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's nginx and openssl packages for the nginx tests..."
  apt-get update -qq
  # The nginx package's postinst also starts a system nginx on port 80. The tests do not use it, so it
  # is left as it is; without an init system (containers) invoke-rc.d only warns, and if that start
  # fails apt-get reports an error although nginx is installed: the checks below decide.
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx openssl >/dev/null; then
    echo "apt-get reported an error while installing nginx (often: the system nginx could not start)." >&2
  fi
  have_nginx && have_openssl && exit 0
fi
echo "The nginx tests need Debian's 'nginx' package (the /usr/sbin/nginx command) and 'openssl'." >&2
echo "Install them with: sudo apt-get install nginx openssl" >&2
exit 1
