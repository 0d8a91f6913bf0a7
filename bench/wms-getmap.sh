#!/usr/bin/env bash
# WMS GetMap throughput of this server beside MapServer 8 (FastCGI behind nginx, bench/mapserver/observatory.map)
# on the same tables, in the same run: 256x256 PNG tiles of WebMercatorQuad over the marsh (3x3 at z12, z14, z16) and
# 1024x768 PNG maps in Lambert-93 (1:25 000, 1:4 000) of habitats + communes + corridors + occurrences as
# the public sees them (bench/lib/urls.py). 2 clients (bench/lib/loadgen.py); RUNS rounds, each measuring PASSES
# passes over each list, this server and MapServer alternately; a warm-up pass of each list before the first round.
#   usage: bench/wms-getmap.sh    (needs the demo of bench/load-demo.sh 1000000 in .local/bench)
#   env:   RUNS (2), PASSES (1), SAMPLES=DIR keeps a tile and the maps of each server for a look
set -euo pipefail
cd "$(dirname "$0")/.."
export OBS_HOME=.local/bench
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 1000000
runs=${RUNS:-2}
passes=${PASSES:-1}
port=$(bench_free_port)
# MapServer has no cap on the features of a layer: lift ours above the demo's size so both draw everything
bench_start_server "$port" --obs.wms.max-features-per-layer=5000000 --obs.statement-timeout-seconds=600
bench_pg_env
msport=$(bench_free_port)
bench_mapserver "$msport" "$PWD/bench/mapserver/observatory.map" 2
ours=http://127.0.0.1:$port
ms=http://127.0.0.1:$msport
for target in ours mapserver; do
  base=$ours; [ $target = ours ] || base=$ms
  python3 bench/lib/urls.py wms-tiles "$base" $target > "$BENCH_WORK/tiles-$target.txt"
  python3 bench/lib/urls.py wms-maps "$base" $target > "$BENCH_WORK/maps-$target.txt"
  if [ -n "${SAMPLES:-}" ]; then
    mkdir -p "$SAMPLES"
    curl -sf -o "$SAMPLES/tile-z14-$target.png" "$(sed -n 14p "$BENCH_WORK/tiles-$target.txt")" # the z14 block's centre
    for i in 1 2; do curl -sf -o "$SAMPLES/map$i-$target.png" "$(sed -n ${i}p "$BENCH_WORK/maps-$target.txt")"; done
  fi
done
echo "date $(date -u '+%F %H:%M') UTC, commit $(git rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "occurrences: $(psql -Atc 'SELECT count(*) FROM sinp.occurrence'), $(mapserv -v | head -1 | cut -d' ' -f1-3), $(java -version 2>&1 | head -1)"
echo
bench_header
for run in $(seq "$runs"); do
  warmup=0; [ "$run" -gt 1 ] || warmup=1
  for list in tiles maps; do
    bench_loadgen "run $run, $list, this server" "$BENCH_WORK/$list-ours.txt" --passes "$passes" --warmup $warmup || true
    bench_loadgen "run $run, $list, MapServer" "$BENCH_WORK/$list-mapserver.txt" --passes "$passes" --warmup $warmup || true
  done
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); server peak RSS: $(grep VmHWM /proc/$BENCH_SERVER/status | awk '{print $2, $3}')"
