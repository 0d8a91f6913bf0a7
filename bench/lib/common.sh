# Shell helpers shared by the bench scripts (source it from the repository root, after `set -euo pipefail`):
# our server on the bench cluster, MapServer as FastCGI behind nginx, and cleanup of what they started.
#   BENCH_WORK   a private temporary folder, removed on exit
#   bench_cleanup_add CMD   runs CMD on exit (last added, first run)

BENCH_WORK=$(mktemp -d)
BENCH_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_CLEANUP=()
bench_cleanup_add() { BENCH_CLEANUP=("$1" "${BENCH_CLEANUP[@]}"); }
bench_cleanup() {
  for cmd in "${BENCH_CLEANUP[@]}"; do eval "$cmd" || true; done
  rm -rf "$BENCH_WORK"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# bench_require_demo OBS_HOME SIZE_HINT: stops unless bench/load-demo.sh has filled that cluster
bench_require_demo() {
  [ -f "$1/postgres/password" ] || { echo "load the demo first: bench/load-demo.sh $2"; exit 2; }
}

# bench_as_pg CMD...: runs CMD as the postgres system user when root (PostgreSQL refuses to run as root)
bench_as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# bench_cluster_up: starts OBS_HOME's private cluster unless it runs already (for another user of it, such as a bench
# server), and stops it on exit if it started it here
bench_cluster_up() {
  local bindir data="$OBS_HOME/postgres/data"
  bindir=$("$BENCH_LIB/../../bin/pg-bindir")
  bench_as_pg "$bindir/pg_ctl" -D "$data" status >/dev/null && return 0
  bench_as_pg "$bindir/pg_ctl" -D "$data" -o "-p $(cat "$OBS_HOME/postgres/port") -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories=$(realpath "$OBS_HOME/postgres")" -w start >/dev/null
  # unless a script restarted it meanwhile with a stop of its own, which ran first
  bench_cleanup_add "bench_as_pg '$bindir/pg_ctl' -D '$data' status >/dev/null && \
    bench_as_pg '$bindir/pg_ctl' -D '$data' -m fast -w stop >/dev/null"
}

# bench_pg_env: PG* variables of the bench cluster in OBS_HOME (for psql and MapServer; the cluster must run)
bench_pg_env() {
  export PGHOST=127.0.0.1 PGPORT; PGPORT=$(cat "$OBS_HOME/postgres/port")
  export PGPASSWORD; PGPASSWORD=$(cat "$OBS_HOME/postgres/password")
  export PGUSER=ows PGDATABASE=observatory
}

# bench_server_jar: a private copy of the server jar (a rebuild during the run cannot pull classes from under it)
bench_server_jar() {
  # Maven writes to stderr, so that the path is all this prints
  [ -f server/target/observatory-server.jar ] || mvn -o -q -B -DskipTests package -pl server -am >&2
  cp server/target/observatory-server.jar "$BENCH_WORK/"
  echo "$BENCH_WORK/observatory-server.jar"
}

# bench_start_server PORT [SPRING ARGS...]: our server (the jar BENCH_JAR names, or this checkout's) on OBS_HOME's
# cluster, logging to $BENCH_WORK/server-PORT.log; waits for health; sets BENCH_SERVER
bench_start_server() {
  local port=$1; shift
  local jar=${BENCH_JAR:-}; [ -n "$jar" ] || jar=$(bench_server_jar)
  local log="$BENCH_WORK/server-$port.log"
  # the tile endpoint on BENCH_TILE_PORT, or on any free port
  java -jar "$jar" serve --server.port="$port" --obs.tiles.port="${BENCH_TILE_PORT:-0}" --obs.demo.load-if-empty=false \
    "$@" > "$log" 2>&1 &
  BENCH_SERVER=$!
  # Spring waits for requests in flight when stopped: give it 10 s, then kill it
  bench_cleanup_add "kill $BENCH_SERVER 2>/dev/null; timeout 10 tail --pid=$BENCH_SERVER -f /dev/null || kill -9 $BENCH_SERVER"
  until curl -sf "http://localhost:$port/actuator/health" >/dev/null; do
    sleep 1
    kill -0 "$BENCH_SERVER" 2>/dev/null || { echo "server died:"; tail -20 "$log"; exit 3; }
  done
}

# bench_nginx PORT SERVER_BLOCK_BODY [HTTP_BLOCK_EXTRA]: an nginx of our own (Debian nginx-light) on PORT, 2 workers,
# no access log; HTTP_BLOCK_EXTRA goes into the http block (upstreams, more servers)
bench_nginx() {
  local port=$1 body=$2 extra=${3:-} dir="$BENCH_WORK/nginx"
  command -v nginx >/dev/null || { echo "nginx is missing (Debian package nginx-light)"; exit 2; }
  mkdir -p "$dir/tmp"
  cat > "$dir/nginx.conf" <<CONF
user root;
worker_processes 2;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path $dir/tmp/body;
  fastcgi_temp_path $dir/tmp/fastcgi;
  proxy_temp_path $dir/tmp/proxy;
  $extra
  server {
    listen 127.0.0.1:$port;
    $body
  }
}
CONF
  nginx -p "$dir" -c "$dir/nginx.conf" &
  local pid=$!
  bench_cleanup_add "kill $pid 2>/dev/null; wait $pid 2>/dev/null"
  until curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.2; kill -0 $pid; done
}

# bench_public_tables: the tables of what the public sees that the peers read (schema "fair" of the bench database,
# bench/fair/public-tables.sql), made afresh once per script run (after bench_pg_env)
bench_public_tables() {
  [ -z "${BENCH_PUBLIC_TABLES:-}" ] || return 0
  psql -q -v ON_ERROR_STOP=1 -f "$BENCH_LIB/../fair/public-tables.sql" 2>&1 | { grep -v -e NOTICE -e DETAIL -e 'drop cascades' || true; }
  BENCH_PUBLIC_TABLES=done
}

# bench_mapserver_spawn MAPFILE PROCESSES: MapServer 8 (Debian cgi-mapserver) as PROCESSES FastCGI processes on
# $BENCH_WORK/mapserv.sock, reading a copy of MAPFILE (and its folder) whose CONNECTION "dbname=observatory" names the
# bench cluster of bench_pg_env (a FastCGI process's environment is the request's, so libpq cannot read PG* there)
bench_mapserver_spawn() {
  local processes=$2 mapfile
  [ -x /usr/lib/cgi-bin/mapserv ] || { echo "mapserv is missing (Debian package cgi-mapserver)"; exit 2; }
  bench_public_tables
  cp -r "$(dirname "$1")" "$BENCH_WORK/mapserver"
  mapfile="$BENCH_WORK/mapserver/$(basename "$1")"
  sed -i "s|CONNECTION \"dbname=observatory\"|CONNECTION \"host=$PGHOST port=$PGPORT dbname=$PGDATABASE user=$PGUSER password=$PGPASSWORD\"|" "$mapfile"
  printf 'CONFIG\n  ENV\n    MS_MAP_PATTERN ".*"\n    MS_MAPFILE "%s"\n  END\nEND\n' "$mapfile" > "$BENCH_WORK/mapserver.conf"
  MAPSERVER_CONFIG_FILE="$BENCH_WORK/mapserver.conf" python3 "$BENCH_LIB/fcgi_spawn.py" "$BENCH_WORK/mapserv.sock" \
    "$processes" /usr/lib/cgi-bin/mapserv 2> "$BENCH_WORK/mapserv.log" &
  local pid=$!
  BENCH_MAPSERVER=$pid
  bench_cleanup_add "kill $pid 2>/dev/null; wait $pid 2>/dev/null"
}

# bench_mapserver PORT MAPFILE PROCESSES [NGINX]: bench_mapserver_spawn behind nginx at http://127.0.0.1:PORT/mapserv;
# NGINX is more of nginx's server block
bench_mapserver() {
  bench_mapserver_spawn "$2" "$3"
  bench_nginx "$1" "$(bench_fcgi_location /mapserv mapserv.sock) ${4:-}"
}

# bench_qgis_spawn PROCESSES: QGIS Server (Debian qgis-server-bin) as PROCESSES FastCGI processes on
# $BENCH_WORK/qgis.sock, one rendering thread each, serving the project bench/fair/qgis_project.py writes (our SLD
# styles loaded by QGIS over the tables of bench_public_tables)
bench_qgis_spawn() {
  local processes=$1 project="$BENCH_WORK/qgis/observatory.qgs"
  [ -x /usr/lib/cgi-bin/qgis_mapserv.fcgi ] || { echo "QGIS Server is missing (Debian package qgis-server-bin)"; exit 2; }
  bench_public_tables
  mkdir -p "$BENCH_WORK/qgis"
  QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$BENCH_WORK/qgis" /usr/bin/python3 "$BENCH_LIB/../fair/qgis_project.py" \
    "$project" "$BENCH_LIB/../../styles" 2> "$BENCH_WORK/qgis/project.log"
  QGIS_PROJECT_FILE="$project" QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$BENCH_WORK/qgis" HOME="$BENCH_WORK/qgis" \
    QGIS_SERVER_LOG_STDERR=1 QGIS_SERVER_LOG_LEVEL=2 QGIS_SERVER_PARALLEL_RENDERING=false \
    python3 "$BENCH_LIB/fcgi_spawn.py" "$BENCH_WORK/qgis.sock" "$processes" /usr/lib/cgi-bin/qgis_mapserv.fcgi \
    2> "$BENCH_WORK/qgis/server.log" &
  local pid=$!
  BENCH_QGIS=$pid
  bench_cleanup_add "kill $pid 2>/dev/null; wait $pid 2>/dev/null"
}

# bench_peak_rss PID: the peak resident memory of a process, or of its children summed when it has some (the FastCGI
# processes under fcgi_spawn.py), in MiB
bench_peak_rss() {
  local pids total=0 p
  pids=$(pgrep -P "$1" | tr '\n' ' ' || true)
  for p in ${pids:-$1}; do total=$((total + $(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0))); done
  echo "$((total / 1024)) MiB"
}

# bench_fcgi_location PATH SOCKET: an nginx location passing PATH to the FastCGI processes on $BENCH_WORK/SOCKET
bench_fcgi_location() {
  echo "location $1 { fastcgi_pass unix:$BENCH_WORK/$2; fastcgi_read_timeout 1800s; include /etc/nginx/fastcgi_params; }"
}

# bench_loadgen LABEL URLS [ARGS...]: one measured line of bench/lib/loadgen.py (2 clients, 1 warm-up pass)
bench_loadgen() {
  local label=$1 urls=$2; shift 2
  /usr/bin/python3 "$BENCH_LIB/loadgen.py" "$urls" --clients "${BENCH_CLIENTS:-2}" --label "$label" "$@"
}

# bench_wrk LABEL URLS [SECONDS]: wrk (Debian package wrk: one C thread, epoll) over the URL list with
# BENCH_CLIENTS keep-alive connections for SECONDS (10), one row of the same table as bench_loadgen. For the fast
# answers (cached tiles, static files) where a Python client would be the bottleneck.
bench_wrk() {
  local label=$1 urls=$2 seconds=${3:-10}
  command -v wrk >/dev/null || { echo "wrk is missing (Debian package wrk)"; exit 2; }
  local host; host=$(head -1 "$urls" | grep -o '^https\?://[^/]*')
  wrk -t1 -c"${BENCH_CLIENTS:-2}" -d"${seconds}s" -s "$BENCH_LIB/wrk-urls.lua" "$host" -- "$urls" | tail -1 |
    /usr/bin/python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
errors = r["errors"] + r["non2xx"]
def count(n):
    return format(round(n), ",").replace(",", " ")
row = [sys.argv[1], count(r["requests"]), errors, count(r["rps"]), format(r["p50_ms"], ".2f"),
       format(r["p95_ms"], ".2f"), format(r["bytes"] / max(1, r["requests"]) / 1024, ".1f")]
print("| " + " | ".join(str(c) for c in row) + " |")
sys.exit(1 if errors else 0)' "$label"
}

bench_header() {
  echo "| what | requests | errors | requests/s | p50 ms | p95 ms | mean KiB |"
  echo "|---|---|---|---|---|---|---|"
}

# bench_cpu_ms PID...: the CPU time (user + system) the processes have used, their exited children included, in ms;
# a PID with children (the FastCGI processes under fcgi_spawn.py, the backends under the postmaster) counts them too
bench_cpu_ms() {
  local p pids=""
  for p in "$@"; do pids="$pids $p $(pgrep -P "$p" | tr '\n' ' ' || true)"; done
  # /proc/PID/stat fields 14-17: utime, stime, cutime, cstime in clock ticks (the command, field 2, has no spaces here)
  for p in $pids; do cat "/proc/$p/stat" 2>/dev/null || true; done |
    awk -v hz="$(getconf CLK_TCK)" '{t += $14 + $15 + $16 + $17} END {printf "%d\n", t * 1000 / hz}'
}

# bench_postmaster: the PID of OBS_HOME's PostgreSQL cluster
bench_postmaster() { head -1 "$OBS_HOME/postgres/data/postmaster.pid"; }
