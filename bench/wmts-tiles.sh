#!/usr/bin/env bash
# WMTS tile throughput of this server (RESTful tiles of WebMercatorQuad, blocks over the marsh at z10..z16: 53
# tiles per layer, bench/lib/urls.py) with 2 clients (bench/lib/loadgen.py), for obs:habitats and obs:communes:
#  (b) uncached, first: our WMTS with an empty cache (each metatile of 4x4 tiles rendered on its first tile, the
#      others then served from the cache), our WMS GetMap of each tile's box (one render a tile), and MapServer 8
#      (FastCGI behind nginx) rendering the same GetMap requests; the cache is truncated between rounds;
#  (a) cached: the tiles seeded through the admin API, then served by our tile endpoint (the port the capabilities'
#      ResourceURL templates name) and by our main port, and the same tile files served from disk by nginx (a copy
#      laid out {layer}/{z}/{x}/{y}.png), each for SECONDS_PER_RUN seconds by wrk (one C thread, CONNECTIONS) after a
#      10-second warm-up (the JIT), with wrk: a Python client could not keep up with nginx.
#   usage: bench/wmts-tiles.sh    (needs the demo of bench/load-demo.sh 1000000 in .local/bench, and Debian's wrk)
#   env:   RUNS (2), SECONDS_PER_RUN (10), CONNECTIONS ("2": the cached part once per count of wrk connections listed),
#          BENCH_JAR (the server's jar; this checkout's by default), BENCH_JAR_B (another jar, e.g. a branch's: its tile
#          endpoint measured in the cached part beside the first one's, in the same run; its own cache folder, seeded by
#          the same jobs as a replica's), ACCESS_LOG (on: each server writes one access-log line per tile, ours as
#          configured — the jar's default output, here the server's log file —, nginx its `combined` line to a file
#          through a 64 KiB buffer flushed within 1 s, as ours; off: neither, ours with logging.level.access.tiles=off,
#          nginx with access_log off), UNCACHED (1; 0 skips the uncached part, for a shorter run of the cached one)
#   nginx serves the copy at its best: 2 workers (our tile endpoint's I/O threads: one per core), sendfile with
#   tcp_nopush (headers and file in one segment), open_file_cache (no open and stat per request)
set -euo pipefail
cd "$(dirname "$0")/.."
export OBS_HOME=.local/bench
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 1000000
runs=${RUNS:-2}
seconds=${SECONDS_PER_RUN:-10}
connections=${CONNECTIONS:-2}
layers="obs:habitats obs:communes"
access_log=${ACCESS_LOG:-on}
case $access_log in
  on) log_args=(); nginx_log="access_log $BENCH_WORK/nginx-tiles.log combined buffer=64k flush=1s;" ;;
  off) log_args=(--logging.level.access.tiles=off); nginx_log="access_log off;" ;;
  *) echo "ACCESS_LOG is on or off"; exit 2 ;;
esac
# an admin of our own for the seed and truncate API (user add resets the password of an existing login)
admin=bench-admin
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
OBS_USER_PASSWORD=$password java -jar "$(bench_server_jar)" user add "$admin" --roles admin > /dev/null
port=$(bench_free_port)
BENCH_TILE_PORT=$(bench_free_port)
bench_start_server "$port" --obs.wmts.cache-dir="$BENCH_WORK/cache" "${log_args[@]}"
if [ -n "${BENCH_JAR_B:-}" ]; then
  port_b=$(bench_free_port)
  tile_port_b=$(bench_free_port)
  BENCH_TILE_PORT=$tile_port_b BENCH_JAR=$BENCH_JAR_B bench_start_server "$port_b" --obs.wmts.cache-dir="$BENCH_WORK/cache-b" "${log_args[@]}"
  python3 bench/lib/urls.py wmts-rest "http://127.0.0.1:$tile_port_b" $layers > "$BENCH_WORK/wmts-b.txt"
fi
bench_pg_env
msport=$(bench_free_port)
mkdir -p "$BENCH_WORK/static"
bench_mapserver "$msport" "$PWD/bench/mapserver/observatory.map" 2 "location /tiles/ { alias $BENCH_WORK/static/;
  $nginx_log tcp_nopush on; open_file_cache max=1000 inactive=60s; open_file_cache_valid 60s; }"
ours=http://127.0.0.1:$port
tiles=http://127.0.0.1:$BENCH_TILE_PORT
ms=http://127.0.0.1:$msport
python3 bench/lib/urls.py wmts-rest "$tiles" $layers > "$BENCH_WORK/wmts.txt"
python3 bench/lib/urls.py wmts-rest "$ours" $layers > "$BENCH_WORK/wmts-main-port.txt"
python3 bench/lib/urls.py tile-getmap "$ours" ours $layers > "$BENCH_WORK/getmap-ours.txt"
python3 bench/lib/urls.py tile-getmap "$ms" mapserver $layers > "$BENCH_WORK/getmap-mapserver.txt"
admin_api() { curl -sf -u "$admin:$password" "$@"; }
truncate_cache() { for layer in $layers; do admin_api -X DELETE "$ours/rest/tiles/$layer" > /dev/null; done; }

echo "date $(date -u '+%F %H:%M') UTC, commit $(git rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server ${BENCH_JAR:-the checkout jar}${BENCH_JAR_B:+; server B $BENCH_JAR_B (cached part)}, access log $access_log"
echo "$(mapserv -v | head -1 | cut -d' ' -f1-3), $(nginx -v 2>&1), $(java -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo
[ "${UNCACHED:-1}" = 0 ] || { echo "uncached, $(wc -l < "$BENCH_WORK/wmts.txt") tiles a pass:"; bench_header; }
for run in $( [ "${UNCACHED:-1}" = 0 ] || seq "$runs"); do
  warmup=0; [ "$run" -gt 1 ] || warmup=5 # five passes before run 1: our JIT warms up on them
  truncate_cache
  bench_loadgen "run $run, this server, WMS GetMap of each tile" "$BENCH_WORK/getmap-ours.txt" --warmup $warmup || true
  bench_loadgen "run $run, MapServer, WMS GetMap of each tile" "$BENCH_WORK/getmap-mapserver.txt" --warmup $warmup || true
  bench_loadgen "run $run, this server, WMTS, empty cache" "$BENCH_WORK/wmts.txt" --warmup 0 || true
done

# seed through the admin API, one job per layer and zoom (the blocks), waiting for each
truncate_cache
for layer in $layers; do
  python3 bench/lib/urls.py seed-boxes | while read -r z box; do
    job=$(admin_api -H 'Content-Type: application/json' -d "{\"layer\":\"$layer\",\"tileMatrixSet\":\"WebMercatorQuad\",\"minZoom\":$z,\"maxZoom\":$z,\"bbox\":[$box],\"format\":\"image/png\"}" "$ours/rest/tiles/seed" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    until admin_api "$ours/rest/tiles/seed/$job" | python3 -c 'import json,sys; p=json.load(sys.stdin); sys.exit(0 if p["state"] in ("done", "failed", "stopped") else 1)'; do sleep 0.5; done
    admin_api "$ours/rest/tiles/seed/$job" | grep -qi '"state":"done"' || { echo "seed failed: $(admin_api "$ours/rest/tiles/seed/$job")"; exit 3; }
  done
done
# the nginx copy: the very bytes our server serves, laid out {layer}/{z}/{x}/{y}.png
python3 bench/lib/urls.py static "http://127.0.0.1:$msport/tiles" $layers > "$BENCH_WORK/static.txt"
paste -d' ' "$BENCH_WORK/wmts.txt" "$BENCH_WORK/static.txt" | while read -r url copy; do
  file="$BENCH_WORK/static/${copy#*/tiles/}"
  mkdir -p "$(dirname "$file")"
  curl -sf -o "$file" "$url"
done
echo
echo "cached, $(wc -l < "$BENCH_WORK/wmts.txt") tiles in turn, ${seconds} s each (mean KiB includes the headers):"
bench_header
for list in wmts ${BENCH_JAR_B:+wmts-b} wmts-main-port static; do bench_wrk warm-up "$BENCH_WORK/$list.txt" 10 > /dev/null || true; done
for run in $(seq "$runs"); do
  for c in $connections; do
    export BENCH_CLIENTS=$c
    bench_wrk "run $run, $c connections, this server, tile endpoint, seeded" "$BENCH_WORK/wmts.txt" "$seconds" || true
    bench_wrk "run $run, $c connections, nginx, the same files" "$BENCH_WORK/static.txt" "$seconds" || true
    [ -z "${BENCH_JAR_B:-}" ] ||
      bench_wrk "run $run, $c connections, server B, tile endpoint, seeded" "$BENCH_WORK/wmts-b.txt" "$seconds" || true
    bench_wrk "run $run, $c connections, this server, main port, seeded" "$BENCH_WORK/wmts-main-port.txt" "$seconds" || true
  done
done
echo
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; tile access-log lines: this server" \
  "$(grep -c ' access.tiles ' "$BENCH_WORK/server-$port.log" || true)${BENCH_JAR_B:+, server B $(grep -c ' access.tiles ' "$BENCH_WORK/server-$port_b.log" || true)}," \
  "nginx $(cat "$BENCH_WORK/nginx-tiles.log" 2>/dev/null | wc -l)"
