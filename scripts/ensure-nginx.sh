#!/usr/bin/env bash
# The nginx test (backend/src/test/java/io/tidings/cluster/NginxIT.java) runs Debian's nginx on ports of its own.
# Installs the `nginx` package when it is missing and we are root; otherwise says what to install.
set -euo pipefail
have_nginx() { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; }
if have_nginx; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's nginx package for the nginx test..."
  apt-get update -qq
  # The package's postinst also starts a system nginx on port 80. The test does not use it, so it is
  # left as it is; without an init system (containers) invoke-rc.d only warns, and if that start fails
  # apt-get reports an error although nginx is installed: the check below decides.
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; then
    echo "apt-get reported an error while installing nginx (often: the system nginx could not start)." >&2
  fi
  have_nginx && exit 0
fi
echo "The nginx test needs Debian's 'nginx' package (the /usr/sbin/nginx command)." >&2
echo "Install it with: sudo apt-get install nginx" >&2
exit 1
