#!/usr/bin/env bash
# Creates or updates .venv/<name> from the committed, fully pinned requirement files.
# A stamp keyed on the files' hashes makes a second run with unchanged pins install nothing.
set -euo pipefail
name="$1"; shift
venv=".venv/$name"
stamp="$venv/.requirements.sha256"
want=$(cat "$@" "$0" | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$venv/bin/python" ]; then
  echo "[setup] $venv is up to date"
  exit 0
fi
echo "[setup] building $venv from $*"
[ -x "$venv/bin/python" ] || "${PYTHON:-python3}" -m venv "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check -q)
"${pip[@]}" install "pip==24.3.1"
for req in "$@"; do
  case "$req" in
    # Fully pinned lists install without resolving; Rasa's own metadata would reject Python 3.11.
    *rasa.txt) "${pip[@]}" install --no-deps --ignore-requires-python -r "$req" ;;
    *) "${pip[@]}" install --no-deps -r "$req" ;;
  esac
done
"${pip[@]}" check 2>/dev/null | grep -v "matplotlib" || true  # Rasa pins matplotlib<3.6 (no 3.11 wheel)
echo "$want" > "$stamp"
echo "[setup] $venv ready"
