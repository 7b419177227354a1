#!/usr/bin/env bash
# Scores the release binary on the dev articles with the reference scorer (until `gloss eval` lands).
set -euo pipefail
dev=${1:-../shared/corpus/dev}
out=$(mktemp -d)
for d in "$dev"/*/; do
  id=$(basename "$d")
  ./target/release/gloss analyze "$d/article.txt" > "$out/$id.json"
done
python3 ../shared/tools/score_gold.py "$dev" "$out" "${@:2}"
