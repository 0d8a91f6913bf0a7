#!/bin/bash
# PostgreSQL failures under load (issue 18): the server jar on a private cluster of its own (OBS_HOME, by default
# target/pg-fault: never the system's PostgreSQL nor the other benches' cluster), 4 clients reading the database
# through every service, while the cluster restarts, loses its backends (pg_terminate_backend) and stops for 10 s.
# Prints per event the statuses, the window of 503s and the recovery time (bench/lib/faults.py).
#   bench/pg-fault.sh [CLIENTS (4)] [OUTPUT_DIR (target/pg-fault)]
# Extra server arguments go in SERVER_ARGS (the demo's size when the cluster is new: --obs.demo.occurrences=20000 by
# default), JVM options in JAVA_TOOL_OPTIONS. Exit status 1 when an answer was neither 200 nor a well-formed 503 with
# Retry-After, or a recovery took more than 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-4}
out=${2:-target/pg-fault}
export OBS_HOME=${OBS_HOME:-$out/home}
unset DATABASE_URL OBS_DATABASE_URL PGHOST PGDATABASE
source bench/lib/server.sh
mkdir -p "$out"
# shellcheck disable=SC2086
server_start "$out/server.log" ${SERVER_ARGS:---obs.demo.occurrences=20000}
cluster=$(readlink -f "$OBS_HOME/postgres/password" | xargs dirname)
echo "server $server_url (pid $server_pid) on the private cluster $cluster; $clients clients; load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/lib/faults.py "$server_url" --cluster "$cluster" --psql "$OBS_PSQL_URL" --clients "$clients" \
  --bindir "$(bin/pg-bindir)" \
  | tee "$out/faults.txt"
status=${PIPESTATUS[0]}
echo "load $(cut -d' ' -f1-3 /proc/loadavg); access-log lines with status 500: $(grep -c ' 500 ' "$out/server.log" || true)" \
  | tee -a "$out/faults.txt"
exit "$status"
