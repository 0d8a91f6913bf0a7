#!/bin/bash
# A WPS client that leaves while its execution computes in parallel (issue 18): how long the server takes to be idle
# again, and how much CPU the process's parallel tasks still use. Starts the server jar on the bench's demo database
# (bench/lib/server.sh; SERVER_JAR names another build's, for a before and after); figures: bench/lib/departure.py.
#   bench/wps-departure.sh [RUNS (3)] [OUTPUT_DIR (target/wps-departure)]
# Exit status 1 when the server was not idle within 120 s of a departure.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
out=${2:-target/wps-departure}
source bench/lib/server.sh
mkdir -p "$out"
# shellcheck disable=SC2086
server_start "$out/server.log" ${SERVER_ARGS:-}
echo "server $server_url (pid $server_pid), jar $server_jar; $runs runs; load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/lib/departure.py "$server_url" --pid "$server_pid" --runs "$runs" | tee "$out/departure.txt"
exit "${PIPESTATUS[0]}"
