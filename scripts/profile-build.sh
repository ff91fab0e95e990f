#!/bin/bash
# Compiles the repo with tsc into a directory (default /tmp/storyline-profile) so that CPU
# profiles have real line numbers: tsx minifies whitespace, so `node --cpu-prof` on the
# sources attributes every tick to line 1. Then, for example:
#   node --cpu-prof --cpu-prof-dir=/tmp/prof /tmp/storyline-profile/scripts/bench-ingest.js --articles 20000
#   for f in /tmp/prof/*.cpuprofile; do node scripts/profile-summary.mjs "$f"; done
# (one profile per thread: the main thread and each prepare worker).
set -euo pipefail
OUT=${1:-/tmp/storyline-profile}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$OUT" && mkdir -p "$OUT"
cd "$ROOT"
npx tsc -p tsconfig.json --noEmit false --outDir "$OUT" --rootDir "$ROOT" \
  --rewriteRelativeImportExtensions --allowImportingTsExtensions false --sourceMap false || true
# Data files beside the code (models, tables), the worker bootstrap without tsx.
find src -type f ! -name '*.ts' ! -name '*.tsx' | while read -r f; do mkdir -p "$OUT/$(dirname "$f")"; cp "$f" "$OUT/$f"; done
for boot in prepare ingest; do
  sed -i "s#^register();##; s#$boot-worker.ts#$boot-worker.js#; s#^import { register }.*##" "$OUT/src/pipeline/$boot-worker-boot.mjs"
done
for link in node_modules models package.json bench-data; do [ -e "$ROOT/$link" ] && ln -s "$ROOT/$link" "$OUT/$link"; done
echo "compiled to $OUT"
