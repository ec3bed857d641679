#!/usr/bin/env bash
# Runs a command with .env.example's local defaults for every variable the caller has not set.
set -euo pipefail
while IFS='=' read -r key value; do
  [[ -z "$key" || "$key" == \#* ]] && continue
  [[ -z "${!key+x}" ]] && export "$key=$value"
done < .env.example
exec "$@"
