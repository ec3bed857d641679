#!/usr/bin/env bash
# Debian's Chromium and a CJK font for the browser tests: Playwright drives this Chromium by
# executable_path and cannot download a browser of its own here.
set -euo pipefail
have_font() { fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy\|noto sans cjk"; }
if command -v chromium >/dev/null 2>&1 && have_font; then
  echo "[setup] chromium and a CJK font are installed"
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "[setup] please install Debian's chromium and fonts-wqy-zenhei (sudo apt-get install chromium fonts-wqy-zenhei)" >&2
  exit 1
fi
echo "[setup] installing chromium and fonts-wqy-zenhei"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends chromium fonts-wqy-zenhei fontconfig >/dev/null 2>&1 || {
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends chromium fonts-wqy-zenhei fontconfig >/dev/null
}
fc-cache -f >/dev/null 2>&1 || true
echo "[setup] chromium $(chromium --version 2>/dev/null | awk '{print $2}') ready"
