#!/usr/bin/env bash
# Cached tiles at 2, 8 and 32 connections: our tile endpoint (the port the capabilities' ResourceURL templates name)
# beside nginx serving the very same bytes from disk (2 workers, sendfile, no access log: its best configuration for
# static files), interleaved, each for SECONDS_PER_RUN seconds by wrk after a warm-up. The tiles are the blocks over
# the marsh of bench/lib/urls.py (z10..z16, 53 a layer) of obs:habitats and obs:communes, seeded through the admin
# API. The data behind the tiles does not matter here: any demo of bench/load-demo.sh will do.
#   usage: bench/tile-endpoint.sh    (needs a demo in .local/bench, and Debian's nginx-light and wrk)
#   env:   RUNS (2), SECONDS_PER_RUN (10), CONNECTIONS ("2 8 32"), BENCH_WRK_THREADS (wrk's threads, 1)
#          SERVER_ARGS (extra arguments of our server, e.g. --obs.tiles.io-threads=2)
set -euo pipefail
cd "$(dirname "$0")/.."
export OBS_HOME=.local/bench
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 20000
runs=${RUNS:-2}
seconds=${SECONDS_PER_RUN:-10}
connections=${CONNECTIONS:-2 8 32}
layers="obs:habitats obs:communes"
BENCH_ADMIN=bench-admin
BENCH_ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
# user add resets the password of an existing login
OBS_USER_PASSWORD=$BENCH_ADMIN_PASSWORD java -jar "$(bench_server_jar)" user add "$BENCH_ADMIN" --roles admin > /dev/null
port=$(bench_free_port)
BENCH_TILE_PORT=$(bench_free_port)
# shellcheck disable=SC2086
bench_start_server "$port" --obs.wmts.cache-dir="$BENCH_WORK/cache" ${SERVER_ARGS:-}
nginx_port=$(bench_free_port)
mkdir -p "$BENCH_WORK/static"
bench_nginx "$nginx_port" "location /tiles/ { alias $BENCH_WORK/static/; }"
tiles=http://127.0.0.1:$BENCH_TILE_PORT
python3 bench/lib/urls.py wmts-rest "$tiles" $layers > "$BENCH_WORK/wmts.txt"
python3 bench/lib/urls.py static "http://127.0.0.1:$nginx_port/tiles" $layers > "$BENCH_WORK/static.txt"
for layer in $layers; do
  curl -sf -u "$BENCH_ADMIN:$BENCH_ADMIN_PASSWORD" -X DELETE "http://127.0.0.1:$port/rest/tiles/$layer" > /dev/null
done
bench_seed_tiles "http://127.0.0.1:$port" $layers
bench_static_copy "$BENCH_WORK/wmts.txt" "$BENCH_WORK/static.txt"

echo "date $(date -u '+%F %H:%M') UTC, commit $(git rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(nginx -v 2>&1), $(java -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), ${BENCH_WRK_THREADS:-1} wrk thread(s)"
echo "$(wc -l < "$BENCH_WORK/wmts.txt") tiles in turn, ${seconds} s each (mean KiB includes the headers):"
bench_header
for list in wmts static; do BENCH_CLIENTS=8 bench_wrk warm-up "$BENCH_WORK/$list.txt" 10 > /dev/null || true; done
for run in $(seq "$runs"); do
  for c in $connections; do
    BENCH_CLIENTS=$c bench_wrk "run $run, $c connections, this server, tile endpoint" "$BENCH_WORK/wmts.txt" "$seconds" || true
    BENCH_CLIENTS=$c bench_wrk "run $run, $c connections, nginx, the same files" "$BENCH_WORK/static.txt" "$seconds" || true
  done
done
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg); our server's peak RSS $(bench_peak_rss "$BENCH_SERVER")"
