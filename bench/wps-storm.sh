#!/bin/bash
# Overload by WPS (issue 18): 20 anonymous clients send synchronous executions of the slowest process for a minute,
# while health and a GetMap are timed; then they leave, and the time until the server is idle again is measured.
# Starts the server jar on the bench's demo database (bench/lib/server.sh), with an administrator of its own
# (bench-admin, its password drawn anew at each run) to read /actuator/prometheus.
#   bench/wps-storm.sh [EXECUTIONS (20)] [SECONDS (60)] [OUTPUT_DIR (target/wps-storm)]
# Extra server arguments go in SERVER_ARGS, JVM options in JAVA_TOOL_OPTIONS, another build's jar in SERVER_JAR. Figures and checks: bench/lib/storm.py;
# exit status 1 when a check failed (a 5xx other than ServerBusy, a refusal without Retry-After, a failed probe, not
# drained or not idle within 120 s). It prints the time to idle (the server's CPU below 5 % of a core) and the load.
set -euo pipefail
cd "$(dirname "$0")/.."
executions=${1:-20}
seconds=${2:-60}
out=${3:-target/wps-storm}
source bench/lib/server.sh
mkdir -p "$out"
# shellcheck disable=SC2086
server_start "$out/server.log" ${SERVER_ARGS:-}
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
OBS_USER_PASSWORD=$password java -jar "$server_jar" user add bench-admin --roles admin > "$out/user.log" 2>&1 \
  || { echo "cannot save the user bench-admin: see $out/user.log" >&2; exit 2; }
echo "server $server_url (pid $server_pid); $executions clients for $seconds s; load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/lib/storm.py "$server_url" --admin "bench-admin:$password" --executions "$executions" \
  --seconds "$seconds" --pid "$server_pid" --psql "$OBS_PSQL_URL" | tee "$out/storm.txt"
status=${PIPESTATUS[0]}
echo "load $(cut -d' ' -f1-3 /proc/loadavg); access-log lines with status 500: $(grep -c ' 500 ' "$out/server.log" || true)" \
  | tee -a "$out/storm.txt"
exit "$status"
