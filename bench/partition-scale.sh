#!/usr/bin/env bash
# The partitioned sinp.occurrence at scale (issue 20): the time of a WFS page, of a GetMap tile and of a density view
# of sinp:occurrences as the public sees them, on whatever demo bench/load-demo.sh N left in .local/bench (run it at
# 6 M, then at 30 M: same command, same requests), and the plan of a page filtered on a département (which partitions
# it reads). One client, requests in sequence (bench/lib/loadgen.py), a warm-up pass of each list first:
#   wfs page       GetFeature of 1 000 occurrences, GeoJSON, the first page and one filtered on the Pas-de-Calais
#   getmap tile    256x256 PNG GetMap of the WebMercatorQuad tiles over the marsh, 3x3 at z14 (bench/lib/urls.py)
#   density view   1024x768 PNG GetMap in Lambert-93 at 1:100 000 and 1:250 000 over the marsh (beyond 1:50 000 the
#                  layer is drawn as a density grid counted by PostGIS)
#   usage: bench/partition-scale.sh   (needs the demo of bench/load-demo.sh N in .local/bench)
#   env:   PASSES (3) passes over each list
set -euo pipefail
cd "$(dirname "$0")/.."
export OBS_HOME=.local/bench
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 6000000
passes=${PASSES:-3}
port=$(bench_free_port)
bench_start_server "$port" --obs.statement-timeout-seconds=600
bench_pg_env
base=http://127.0.0.1:$port
wfs="$base/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=sinp:occurrences&COUNT=1000&OUTPUTFORMAT=application/json"
{
  echo "$wfs"
  echo "$wfs&CQL_FILTER=code_departement%3D%2762%27"
} > "$BENCH_WORK/wfs.txt"
python3 - "$base" > "$BENCH_WORK/tiles.txt" <<'PY'
import sys
sys.path.insert(0, "bench/lib")
import urls
for z, x, y in urls.tiles([14]):
    print(urls.getmap(sys.argv[1], "ours", ["sinp:occurrences"], "EPSG:3857", urls.tile_bbox(z, x, y), 256, 256, True))
PY
python3 - "$base" > "$BENCH_WORK/density.txt" <<'PY'
import sys
sys.path.insert(0, "bench/lib")
import urls
for scale in (100000, 250000):
    print(urls.getmap(sys.argv[1], "ours", ["sinp:occurrences"], "EPSG:2154", urls.map_bbox(urls.MAPS[0][0], scale), 1024, 768, False))
PY
echo "date $(date -u '+%F %H:%M') UTC, commit $(git rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "occurrences: $(psql -Atc 'SELECT count(*) FROM sinp.occurrence'), per partition: $(psql -Atc "SELECT string_agg(c.relname || ' ' || c.reltuples::bigint || ' rows ' || pg_size_pretty(pg_relation_size(c.oid)) || ' + indexes ' || pg_size_pretty(pg_indexes_size(c.oid)), ', ' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'sinp.occurrence'::regclass")"
echo
BENCH_CLIENTS=1
bench_header
for list in wfs tiles density; do
  bench_loadgen "$list" "$BENCH_WORK/$list.txt" --passes "$passes" --warmup 1 || true
done
echo
echo "plan of a page of the public filtered on the Pas-de-Calais (partitions read):"
psql -Atc "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id_sinp_occtax FROM sinp.occurrence_layer
           WHERE code_departement = '62' AND diffusion_level < 4 ORDER BY id LIMIT 1000" | grep -E 'occurrence_|Subplans' || true
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
