#!/usr/bin/env bash
# WFS paging through a large layer: one page of 10 000 features of sinp:occurrences as the public sees them (about
# 5.9 M rows on the 6 M demo, no filter), GeoJSON, at increasing STARTINDEX, with numberMatched always counted and
# within the count budget (obs.count-budget-ms: the default 500, and 0 that never counts), then the page its
# next link names (a client paging in order: it resumes after the last key instead of walking the rows before it).
# Prints seconds per page and the numberMatched each answer gave.
#   usage: bench/wfs-paging.sh        (needs the 6 M demo of bench/load-demo.sh in .local/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
export OBS_HOME=.local/bench
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 6000000
echo "| numberMatched | startIndex | seconds | numberMatched answered |"
echo "|---|---|---|---|"
for budget in 900000 500 0; do
  port=$(bench_free_port)
  bench_start_server "$port" --obs.count-budget-ms="$budget" --obs.statement-timeout-seconds=900
  case $budget in 900000) what="always counted";; 0) what="never counted (budget 0)";; *) what="budget $budget ms";; esac
  for start in 0 1000000 3000000 5000000 next; do
    if [ "$start" = next ]; then
      url=$(python3 -c 'import json,sys; print([l["href"] for l in json.load(open(sys.argv[1]))["links"] if l["rel"] == "next"][0])' "$BENCH_WORK/page.json")
      start="$(echo "$url" | grep -o 'STARTINDEX=[0-9]*' | cut -d= -f2) (next link)"
    else
      url="http://localhost:$port/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&count=10000&startIndex=$start&outputFormat=application/json&propertyName=cd_nom,date_debut"
    fi
    out=$(curl -s -o "$BENCH_WORK/page.json" -w '%{http_code} %{time_total}' "$url")
    [ "${out% *}" = 200 ] || { echo "GetFeature answered HTTP ${out% *}"; exit 3; }
    matched=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("numberMatched", "absent (unknown)"))' "$BENCH_WORK/page.json")
    echo "| $what | $start | ${out#* } | $matched |"
  done
  kill "$BENCH_SERVER"; timeout 10 tail --pid="$BENCH_SERVER" -f /dev/null || kill -9 "$BENCH_SERVER"
done
