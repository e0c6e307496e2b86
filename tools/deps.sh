#!/bin/sh
# Installs the Debian packages listed in deps/debian-packages.txt that are missing
# (as root, or through sudo), then the npm packages if the project has any.
set -eu
cd "$(dirname "$0")/.."
missing=""
for p in $(grep -v '^#' deps/debian-packages.txt); do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "make deps: installing Debian packages:$missing"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; echo "make deps: not root, using sudo"; fi
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
else
    echo "make deps: all Debian packages present"
fi
if ! command -v npm >/dev/null; then # Debian's nodejs comes without it (NodeSource's has it)
    echo "make deps: installing npm"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends npm
fi
if [ -f web/package-lock.json ]; then
    echo "make deps: installing npm packages (npm ci in web/)"
    (cd web && npm ci --no-audit --no-fund)
fi
