#!/usr/bin/env bash
# Trains models/current.tar.gz only when the config, domain or training data changed.
set -euo pipefail
files=$(find config.yml bot/domain bot/data bot/jieba -type f | LC_ALL=C sort)
want=$( (cat requirements/rasa.txt; for f in $files; do echo "$f"; cat "$f"; done) | sha256sum | cut -d' ' -f1)
stamp=models/current.sha256
if [ -f models/current.tar.gz ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "[train] models/current.tar.gz is up to date"
  exit 0
fi
mkdir -p models
echo "[train] training (config, domain or data changed)"
.venv/bot/bin/rasa train --config config.yml --domain bot/domain --data bot/data \
  --out models --fixed-model-name current --quiet
echo "$want" > "$stamp"
