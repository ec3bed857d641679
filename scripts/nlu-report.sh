#!/usr/bin/env bash
# 5-fold cross-validation of the NLU pipeline; writes bench/nlu/REPORT.md and says whether intent
# macro-F1 and the matter / guide_aspect entity F1 reach 0.95 (a miss is reported, not a failure).
set -euo pipefail
out=results/nlu-cv
rm -rf "$out"
start=$(date +%s)
.venv/bot/bin/rasa test nlu --nlu bot/data --config config.yml --cross-validation --folds 5 \
  --out "$out" --no-plot --quiet
seconds=$(( $(date +%s) - start ))
.venv/bot/bin/python -m bench.nlu_report "$out" "$seconds"
