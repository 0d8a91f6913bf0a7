#!/usr/bin/env bash
# A JFR profile of the tile endpoint serving cached tiles (issue 19): one server on the 1 M demo of
# bench/load-demo.sh (.local/bench), the tiles of bench/lib/urls.py wmts-rest drawn by a warm-up of wrk at 2
# connections, then wrk at CONNECTIONS (32) for PROFILE_SECONDS (15) under `JFR.start settings=profile`.
#   usage: bench/tile-endpoint-profile.sh OUT.jfr       (BENCH_JAR: the server's jar; this checkout's by default)
#   then:  jfr print --stack-depth 64 --events jdk.ExecutionSample OUT.jfr
set -euo pipefail
out=$(realpath "$1")
cd "$(dirname "$0")/.."
export OBS_HOME=.local/bench
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 1000000
bench_cluster_up
port=$(bench_free_port)
BENCH_TILE_PORT=$(bench_free_port)
bench_start_server "$port" --obs.wmts.cache-dir="$BENCH_WORK/cache"
python3 bench/lib/urls.py wmts-rest "http://127.0.0.1:$BENCH_TILE_PORT" obs:habitats obs:communes > "$BENCH_WORK/wmts.txt"
echo "date $(date -u '+%F %H:%M') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
bench_header
BENCH_CLIENTS=2 bench_wrk "warm-up, 2 connections (draws the tiles)" "$BENCH_WORK/wmts.txt" 15 || true
BENCH_CLIENTS=${CONNECTIONS:-32} bench_wrk "warm-up" "$BENCH_WORK/wmts.txt" 10 || true
jcmd "$BENCH_SERVER" JFR.start name=tiles settings=profile filename="$out" > /dev/null
BENCH_CLIENTS=${CONNECTIONS:-32} bench_wrk "profiled" "$BENCH_WORK/wmts.txt" "${PROFILE_SECONDS:-15}" || true
jcmd "$BENCH_SERVER" JFR.stop name=tiles > /dev/null
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
