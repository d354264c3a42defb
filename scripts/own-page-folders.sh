#!/usr/bin/env bash
# The "Write your own analysis page" report built on folders other than the bundled data, each opened in
# Chromium with the layout checks: a folder of foreign RL runs and leaderboards (test/fixtures/cli/byod: rliable
# JSON with a reference table, TensorBoard, Open RL Benchmark, two leaderboards, battles, a trace) and a folder
# of broken files (test/fixtures/own-page/broken). The bundled data is the main build's. Each build holds only
# those two pages and the home page (build.mjs --pages), goes to its own folder (dist-own-NAME) and runs only
# the loaders those pages load, with a cache of its own (the main build's cache is left alone).
#
# Usage: bash scripts/own-page-folders.sh        (screenshots beside the builds, or under $BENCHSTATS_SHOTS)
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for entry in foreign:test/fixtures/cli/byod broken:test/fixtures/own-page/broken; do
  name=${entry%%:*}
  folder=${entry#*:}
  echo "own-data page on $folder"
  BENCHSTATS_DATA="$folder" node scripts/build.mjs --out "dist-own-$name" --pages own-page,my-agents --skip-vendor > "dist-own-$name.log" 2>&1 || {
    tail -20 "dist-own-$name.log"
    status=1
    continue
  }
  shots=${BENCHSTATS_SHOTS:+$BENCHSTATS_SHOTS/own-$name}
  node scripts/browser-check.mjs --dist "dist-own-$name" --page /own-page --page /my-agents ${shots:+--shots "$shots"} || status=1
done
exit $status
