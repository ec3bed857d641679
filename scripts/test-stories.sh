#!/usr/bin/env bash
# Conversation tests of the dialogue policy; fails on any wrong prediction.
set -euo pipefail
out=results/stories
rm -rf "$out"
.venv/bot/bin/rasa test core --model models/current.tar.gz --stories tests/bot/test_stories.yml \
  --fail-on-prediction-errors --out "$out" --no-plot --quiet
echo "[test] conversation stories passed (report in $out)"
