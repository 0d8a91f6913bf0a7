#!/bin/bash
# A short soak: a few minutes of mixed valid and malformed requests (the test corpus of
# server/src/test/resources/malformed-corpus) against the server jar on the bench's demo database, printing every
# 15 s (SOAK_INTERVAL seconds) the requests, errors, the valid requests' latency, the server's RSS and threads and the
# database connections, before and after.
#   bench/soak-mixed.sh [MINUTES (3)] [CLIENTS (8)] [OUTPUT_DIR (target/soak)]
# The hour of issue 18, a line a minute: SOAK_INTERVAL=60 bench/soak-mixed.sh 60 16 target/soak-hour16
# Extra server arguments go in SERVER_ARGS (e.g. SERVER_ARGS=--obs.demo.occurrences=20000 for a smaller demo when the
# bench database is created); JVM options in JAVA_TOOL_OPTIONS (e.g. -Xmx512m).
# Exit status 1 when a request failed (a 5xx, a valid request not 200, a malformed one not 4xx, a broken connection).
# A kept-alive connection the server closed while idle is not a failure: dropped before use ("stale"), or, when the
# close crossed the request, the GET sent again once on a new connection ("retried", printed at once), as real HTTP
# clients do; the rule is in bench/lib/soak.py.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-3}
clients=${2:-8}
out=${3:-target/soak}
source bench/lib/server.sh
mkdir -p "$out"
# shellcheck disable=SC2086
server_start "$out/server.log" ${SERVER_ARGS:-}
tiles_port=$(grep -o 'tile endpoint on port [0-9]*' "$out/server.log" | head -1 | awk '{print $5}')
echo "server $server_url (pid $server_pid), tiles on port $tiles_port; $minutes min, $clients clients"
python3 bench/lib/soak.py "$server_url" "http://localhost:$tiles_port" server/src/test/resources/malformed-corpus \
  --minutes "$minutes" --clients "$clients" --interval "${SOAK_INTERVAL:-15}" --pid "$server_pid" --psql "$OBS_PSQL_URL" | tee "$out/soak.txt"
status=${PIPESTATUS[0]}
grep -c ' 500 ' "$out/server.log" | xargs echo "access-log lines with status 500:" | tee -a "$out/soak.txt" || true
exit "$status"
