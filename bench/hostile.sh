#!/bin/bash
# The seeded hostile campaign (issue 18): thousands of valid requests of every service and both ports, mutated
# (bench/lib/hostile.py: truncation, wrong namespaces, huge numbers, forbidden characters, deep nesting, wrong
# encodings, duplicated parameters, wrong methods...), sent to the server jar on the bench's demo database, every
# answer checked (status, a well-formed report in the documented format, no internal text, bounded size).
#   bench/hostile.sh [CASES (5000)] [SEED (18)] [OUTPUT_DIR (target/hostile)]
# Failing cases are written to OUTPUT_DIR/failures/ as .http files; `python3 bench/lib/hostile.py BASE TILES --only N`
# replays one. Extra server arguments go in SERVER_ARGS, JVM options in JAVA_TOOL_OPTIONS.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-5000}
seed=${2:-18}
out=${3:-target/hostile}
source bench/lib/server.sh
rm -rf "$out/failures"
mkdir -p "$out"
# shellcheck disable=SC2086
server_start "$out/server.log" ${SERVER_ARGS:-}
tiles_port=$(grep -o 'tile endpoint on port [0-9]*' "$out/server.log" | head -1 | awk '{print $5}')
echo "server $server_url (pid $server_pid), tiles on port $tiles_port; $cases cases, seed $seed; load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/lib/hostile.py "$server_url" "http://localhost:$tiles_port" --cases "$cases" --seed "$seed" \
  --write "$out/failures" | tee "$out/hostile.txt"
status=${PIPESTATUS[0]}
# the campaign's bad credentials came from this address: forget them, or the next clients from it (bin/test's real
# clients) would wait out the login throttling
psql "$OBS_PSQL_URL" -qc "DELETE FROM security.login_failure" > /dev/null
echo "load $(cut -d' ' -f1-3 /proc/loadavg); access-log lines with status 500: $(grep -c ' 500 ' "$out/server.log" || true)" \
  | tee -a "$out/hostile.txt"
exit "$status"
