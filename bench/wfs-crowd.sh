#!/usr/bin/env bash
# A crowd of WFS clients paging in GeoJSON through sinp:occurrences as the public sees them (pages of 1 000 from a
# random startIndex below 20 000; at 6 M the public's count never fits obs.count-budget-ms), beside one client of small
# GetFeature requests on obs:communes that need a pooled connection too: the statuses, latencies and the share of pages
# that carried numberMatched, and the database connections the server held at most (pool of 16).
#   usage: bench/wfs-crowd.sh [CLIENTS (24)] [SECONDS (60)]   (the demo of bench/load-demo.sh in .local/bench)
#   env:   BENCH_JAR (a jar to run instead of this checkout's)
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-24}
seconds=${2:-60}
export OBS_HOME=.local/bench
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 6000000
port=$(bench_free_port)
bench_start_server "$port"
bench_pg_env
python3 bench/lib/crowd.py "http://localhost:$port" --clients "$clients" --seconds "$seconds" &
crowd=$!
peak=0
while kill -0 "$crowd" 2>/dev/null; do
  n=$(psql -XAtq -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND state <> 'idle'" 2>/dev/null || echo 0)
  [ "$n" -gt "$peak" ] && peak=$n
  sleep 0.5
done
wait "$crowd" && status=0 || status=$?
echo "server connections busy at most: $peak; load average $(cut -d' ' -f1-3 /proc/loadavg)"
grep -c 'Connection is not available' "$BENCH_WORK/server-$port.log" | xargs echo "pool timeouts in the server log:" || true
exit "$status"
