#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the editor tests (test/e2e/oauth-connect.test.ts),
# which drive it with playwright-core. Idempotent: does nothing when /usr/bin/chromium exists.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
	echo "[ensure-chromium] $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
	exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi

echo "[ensure-chromium] installing Debian's chromium (apt-get)"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium fonts-liberation
/usr/bin/chromium --version
