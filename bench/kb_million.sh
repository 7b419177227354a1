#!/usr/bin/env bash
# Benchmark (not part of `make test`): a generated knowledge base of 1,000,000 entries.
#   1. bench/kb_million.py writes the JSON Lines (deterministic);
#   2. `gloss kb build` (release) writes the shards: entries, keys, shards, time;
#   3. shard sizes (raw and gzip -6, as a CDN would serve them);
#   4. bench/kb_lookup.mjs: in Chromium, time from a click on a mention to the knowledge shown
#      (manifest + one shard fetched over loopback, parsed, linked, rendered), cold and warm.
# Usage: bash bench/kb_million.sh [N] [DIR]   (defaults 1000000, /tmp/gloss-kb-1m)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
dir=${2:-/tmp/gloss-kb-1m}
mkdir -p "$dir"
cargo build --release --quiet --bin gloss
python3 bench/kb_million.py "$dir/input.jsonl" "$n"
ls -l "$dir/input.jsonl"
/usr/bin/time -f "build: %e s wall, %M KB max RSS" ./target/release/gloss kb build "$dir/input.jsonl" "$dir/kb" --name "Synthetic $n"
python3 - "$dir/kb" <<'PY'
import gzip, os, statistics, sys
d = os.path.join(sys.argv[1], 'shards')
raw, gz = [], []
for f in os.listdir(d):
    b = open(os.path.join(d, f), 'rb').read()
    raw.append(len(b)); gz.append(len(gzip.compress(b, 6)))
k = lambda xs: f"median {statistics.median(xs)/1024:.1f} KB, min {min(xs)/1024:.1f}, max {max(xs)/1024:.1f}, total {sum(xs)/2**20:.1f} MB"
print(f"shards: {len(raw)}; raw {k(raw)}; gzip {k(gz)}")
PY
node bench/kb_lookup.mjs "$dir/kb"
