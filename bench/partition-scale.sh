#!/usr/bin/env bash
# The partitioned sinp.occurrence at scale (issue 20): the time of a WFS page, of a GetMap tile and of a density view
# of sinp:occurrences as the public sees them, on demos of different sizes side by side in the same run (each loaded by
# BENCH_HOME=HOME bench/load-demo.sh N into a private cluster of its own; one server on each), and the plan of a page
# filtered on a département (which partitions it reads). One client, requests in sequence (bench/lib/loadgen.py),
# the demos alternately list by list, a warm-up pass of each list first:
#   wfs page       GetFeature of 1 000 occurrences, GeoJSON: the first page, and the first page of the Pas-de-Calais
#   getmap tile    256x256 PNG GetMap of the WebMercatorQuad tiles over the marsh, 3x3 at z14 and at z16
#                  (bench/lib/urls.py), a list each
#   density view   1024x768 PNG GetMap in Lambert-93 at 1:100 000 and 1:250 000 over the marsh (beyond 1:50 000 the
#                  layer is drawn as a density grid counted by PostGIS)
#   usage: bench/partition-scale.sh HOME...   e.g. .local/bench-100000 .local/bench-500000
#   env:   PASSES (3) measured passes over each list
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { sed -n '2,13p' "$0"; exit 2; }
. bench/lib/common.sh
passes=${PASSES:-3}
homes=("$@")
echo "date $(date -u '+%F %H:%M') UTC, commit $(git rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!homes[@]}"; do
  export OBS_HOME=${homes[$i]}
  bench_require_demo "$OBS_HOME" 6000000
  bench_cluster_up
  port=$(bench_free_port)
  bench_start_server "$port" --obs.statement-timeout-seconds=600
  base=http://127.0.0.1:$port
  wfs="$base/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=sinp:occurrences&COUNT=1000&OUTPUTFORMAT=application/json"
  printf '%s\n' "$wfs" "$wfs&CQL_FILTER=code_departement%3D%2762%27" > "$BENCH_WORK/wfs-$i.txt"
  for z in 14 16; do
    python3 - "$base" "$z" > "$BENCH_WORK/tiles$z-$i.txt" <<'PY'
import sys
sys.path.insert(0, "bench/lib")
import urls
for z, x, y in urls.tiles([int(sys.argv[2])]):
    print(urls.getmap(sys.argv[1], "ours", ["sinp:occurrences"], "EPSG:3857", urls.tile_bbox(z, x, y), 256, 256, True))
PY
  done
  python3 - "$base" > "$BENCH_WORK/density-$i.txt" <<'PY'
import sys
sys.path.insert(0, "bench/lib")
import urls
for scale in (100000, 250000):
    print(urls.getmap(sys.argv[1], "ours", ["sinp:occurrences"], "EPSG:2154", urls.map_bbox(urls.MAPS[0][0], scale), 1024, 768, False))
PY
  bench_pg_env
  rows[$i]=$(psql -Atc 'SELECT count(*) FROM sinp.occurrence')
  echo "${homes[$i]}: ${rows[$i]} occurrences; partitions: $(psql -Atc "SELECT string_agg(c.relname || ' '
    || c.reltuples::bigint || ' rows, ' || pg_size_pretty(pg_relation_size(c.oid)) || ' + indexes '
    || pg_size_pretty(pg_indexes_size(c.oid)), '; ' ORDER BY c.relname) FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'sinp.occurrence'::regclass AND c.reltuples > 0")"
done
echo
BENCH_CLIENTS=1
bench_header
for run in $(seq "$passes"); do
  warmup=0; [ "$run" -gt 1 ] || warmup=1
  for list in wfs tiles14 tiles16 density; do
    for i in "${!homes[@]}"; do
      expect=image/png; [ $list != wfs ] || expect=application/json
      bench_loadgen "pass $run, $list, ${rows[$i]} rows" "$BENCH_WORK/$list-$i.txt" --passes 1 --warmup $warmup \
        --expect $expect || true
    done
  done
done
echo
for i in "${!homes[@]}"; do
  export OBS_HOME=${homes[$i]}
  bench_pg_env
  echo "${rows[$i]} rows: plan of the public's first page of the Pas-de-Calais (partitions read, rows):"
  psql -Atc "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id_sinp_occtax FROM sinp.occurrence_layer
             WHERE code_departement = '62' AND diffusion_level < 4 ORDER BY id LIMIT 1000" | grep -E 'occurrence_' || true
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
