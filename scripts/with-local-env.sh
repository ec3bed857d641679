#!/usr/bin/env bash
# Runs a command with .env.example's local defaults for every variable the caller has not set.
set -euo pipefail
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* || "$line" != *=* ]] && continue
  key=${line%%=*}
  [[ -z "${!key+x}" ]] && export "$key=${line#*=}"
done < .env.example
exec "$@"
