#!/usr/bin/env bash
# Headless Chromium for the tests that open `byline view`'s pages in a real browser
# (tests/view.rs). Idempotent: does nothing when chromium is on the PATH. Installs
# Debian's chromium package (about 100 MB with what it needs) with apt-get, which
# needs root (or sudo).
#
#   scripts/setup-browser.sh
#
# Prints the browser's path on its last line.
set -euo pipefail
for name in chromium chromium-browser; do
    if command -v "$name" >/dev/null 2>&1; then
        command -v "$name"
        exit 0
    fi
done
sudo=""
if [ "$(id -u)" != 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "setup-browser: chromium is missing and installing it needs root: apt-get install chromium" >&2
        exit 1
    fi
    sudo=sudo
fi
echo "setup-browser: installing Debian's chromium with apt-get (a few minutes, once)" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
$sudo apt-get install -y -qq --no-install-recommends chromium >&2
command -v chromium
