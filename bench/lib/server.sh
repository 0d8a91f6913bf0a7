# Starts the server jar on the demo data for the bench and client scripts, and stops it when the script exits.
# Source it from the repository root, then:
#   server_start LOG_FILE [SERVER_ARGS...]   builds the jar when missing (REBUILD=1 to force), starts a copy of it
#                                            (beside LOG_FILE) on a free port with the private PostGIS cluster of bin/run (.local/postgres, demo
#                                            loaded on first start; DATABASE_URL / PG* name another database), waits
#                                            until it is healthy, sets server_url and exports OBS_PSQL_URL (a libpq
#                                            URL of the same database, for psql)
# The server (and the private cluster it started) stops on EXIT; a script that needs its own EXIT trap calls
# server_stop from it. SERVER_JAR names another jar to run (an earlier build, for a before and after); it is never
# built.

server_jar=${SERVER_JAR:-server/target/observatory-server.jar}

server_start() {
  local log=$1
  shift
  if [ -z "${SERVER_JAR:-}" ] && { [ ! -f "$server_jar" ] || [ -n "${REBUILD:-}" ]; }; then
    bin/ensure-postgis
    mvn -q -B -DskipTests package -pl server -am
  fi
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$(dirname "$log")"
  # the server runs a copy of the jar beside its log: a build during a long run cannot change it under it
  cp "$server_jar" "$(dirname "$log")/observatory-server.jar"
  java -jar "$(dirname "$log")/observatory-server.jar" serve --server.port="$port" --obs.tiles.port=0 "$@" > "$log" 2>&1 &
  server_pid=$!
  trap server_stop EXIT
  for _ in $(seq 1 600); do
    if curl -sf "http://localhost:$port/actuator/health" > /dev/null; then
      server_url=http://localhost:$port
      server_export_psql_url
      return 0
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the server did not start: see $log" >&2
      tail -20 "$log" >&2
      exit 2
    fi
    sleep 1
  done
  echo "the server did not answer /actuator/health within 600 s: see $log" >&2
  exit 2
}

server_stop() {
  if [ -n "${server_pid:-}" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}

# The database the server uses, as a URL psql takes (the libpq variables PG* are read by psql itself).
server_export_psql_url() {
  local url=${OBS_DATABASE_URL:-${DATABASE_URL:-}}
  if [ -n "$url" ]; then
    OBS_PSQL_URL=${url#jdbc:}
  elif [ -z "${PGHOST:-}${PGDATABASE:-}" ]; then
    local home=${OBS_HOME:-.local}/postgres
    OBS_PSQL_URL="postgresql://ows:$(cat "$home/password")@127.0.0.1:$(cat "$home/port")/observatory"
  else
    OBS_PSQL_URL=
  fi
  export OBS_PSQL_URL
}
