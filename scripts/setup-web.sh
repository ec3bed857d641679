#!/usr/bin/env bash
# Installs the web front end from its lockfile (npm ci) and builds it with Vite into web/dist,
# each step only when its inputs changed.
set -euo pipefail
[ -f web/package.json ] || { echo "[setup] no web front end yet"; exit 0; }
cd web
lock_hash=$( (cat package-lock.json; node --version) | sha256sum | cut -d' ' -f1)
if [ ! -d node_modules ] || [ "$(cat node_modules/.lock.sha256 2>/dev/null)" != "$lock_hash" ]; then
  echo "[setup] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.lock.sha256
fi
src_hash=$(find src ./*.html console vite.config.* package-lock.json public -type f 2>/dev/null | LC_ALL=C sort | xargs cat | sha256sum | cut -d' ' -f1)
if [ ! -f dist/index.html ] || [ "$(cat dist/.src.sha256 2>/dev/null)" != "$src_hash" ]; then
  echo "[setup] building web/dist"
  npm run build --silent
  echo "$src_hash" > dist/.src.sha256
else
  echo "[setup] web/dist is up to date"
fi
