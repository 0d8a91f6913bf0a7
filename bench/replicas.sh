#!/usr/bin/env bash
# Two replicas of the server behind nginx on one PostgreSQL (issue 20), all on this machine with Debian's nginx and
# PostgreSQL, no Docker: a private cluster made for the run, replicas A and B (each its own tile cache folder), one
# nginx in front of both ports (services and tile endpoint) that passes a request a replica cannot answer (refused
# connection, reset, 502/503/504) to the other one; it retries idempotent requests only (nginx's default).
#  1. mixed load through nginx (WMS GetMap, RESTful WMTS tiles on both ports, WFS GetFeature pages) while B is killed
#     (SIGKILL) and started again: every answer must be a 200;
#  2. an area of obs:obstacles declared changed through A (a road drawn across a tile): how long B still serves the
#     old tile, measured (must be under 1 s);
#  3. B killed, a second road declared through A, B started again on its cache folder: B's first answer is the new tile;
#  4. an import job sent through A, polled to completion through B.
# A streaming replica of the cluster (a hot standby made by pg_basebackup -R, logging the statements it runs) takes
# both replicas' read-only work (obs.datasource.replica.url, max-lag 5 s):
#  5. with the standby healthy, WFS pages through nginx: how many of their statements ran on the standby (must be some);
#  6. mixed load through nginx while the standby is stopped (pg_ctl stop -m fast) and started again: every answer a 200;
#  7. the standby's replay paused while the primary keeps writing: how long until both replicas leave it, then a load
#     of WFS pages of which no statement may run on it; replay resumed: how long until they take it again.
#   usage: bench/replicas.sh   (installs nginx-light when missing and run as root; builds the server jar when missing)
#   env:   OCCURRENCES (20000) of the demo the run loads, LOAD_SECONDS (60) of load for step 1
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v nginx > /dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "missing Debian package: sudo apt-get install -y nginx-light"; exit 2; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light > /dev/null
fi
. bench/lib/common.sh
occurrences=${OCCURRENCES:-20000}
load_seconds=${LOAD_SECONDS:-60}
jar=$(bench_server_jar)

# the database: a private cluster, gone at the end
bindir=$(bin/pg-bindir)
pgroot=$(bench_as_pg mktemp -d)
password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
bench_as_pg sh -c "echo $password > $pgroot/pwfile"
bench_as_pg "$bindir/initdb" -D "$pgroot/data" -U ows --pwfile="$pgroot/pwfile" -A scram-sha-256 -E UTF8 \
  --locale=C.UTF-8 > /dev/null
pgport=$(bench_free_port)
bench_as_pg "$bindir/pg_ctl" -D "$pgroot/data" -l "$pgroot/log" -w start \
  -o "-p $pgport -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pgroot -c max_connections=200" > /dev/null
bench_cleanup_add "bench_as_pg '$bindir/pg_ctl' -D '$pgroot/data' -m immediate -w stop > /dev/null; rm -rf '$pgroot'"
export PGHOST=127.0.0.1 PGPORT=$pgport PGUSER=ows PGPASSWORD=$password PGDATABASE=observatory
createdb observatory
export DATABASE_URL=postgres://ows:$password@127.0.0.1:$pgport/observatory

# the streaming replica: a hot standby of the cluster, made by pg_basebackup -R, logging every statement with the
# client's application name (the replicas' read pool is "observatory replica reads")
standby_port=$(bench_free_port)
bench_as_pg env PGPASSWORD="$password" "$bindir/pg_basebackup" -D "$pgroot/standby" -R -X stream -c fast \
  -h 127.0.0.1 -p "$pgport" -U ows
standby_ctl() { # standby_ctl start|stop
  bench_as_pg "$bindir/pg_ctl" -D "$pgroot/standby" -l "$pgroot/standby.log" -w "$@" \
    -o "-p $standby_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pgroot -c max_connections=200 -c log_statement=all \
        -c log_line_prefix='%a: '" > /dev/null
}
standby_ctl start
bench_cleanup_add "bench_as_pg '$bindir/pg_ctl' -D '$pgroot/standby' -m immediate -w stop > /dev/null"
standby_sql() { psql -qAt -p "$standby_port" -c "$1" > /dev/null; }
export OBS_DEMO_PASSWORD=replicas-$password
admin=admin:$OBS_DEMO_PASSWORD
producer=producteur:$OBS_DEMO_PASSWORD

# start_replica NAME: the replica's server on its ports (A loads the demo into the empty database); waits for health
declare -A port tile_port pid
start_replica() {
  local name=$1
  java -jar "$jar" serve --server.port="${port[$name]}" --obs.tiles.port="${tile_port[$name]}" \
    --obs.wmts.cache-dir="$BENCH_WORK/cache-$name" --obs.imports.spool-dir="$BENCH_WORK/imports-$name" \
    --obs.demo.occurrences="$occurrences" --obs.demo.indicators=false \
    --obs.datasource.replica.url="jdbc:postgresql://127.0.0.1:$standby_port/observatory" \
    --obs.datasource.replica.max-lag=5s >> "$BENCH_WORK/$name.log" 2>&1 &
  pid[$name]=$!
  disown # its SIGKILL below is on purpose: no "Killed" line from the shell
  until curl -sf -o /dev/null "http://127.0.0.1:${port[$name]}/actuator/health/readiness"; do
    sleep 0.5
    kill -0 "${pid[$name]}" 2> /dev/null || { echo "replica $name died:"; tail -20 "$BENCH_WORK/$name.log"; exit 3; }
  done
}
for name in A B; do
  port[$name]=$(bench_free_port)
  tile_port[$name]=$(bench_free_port)
done
bench_cleanup_add 'kill -9 ${pid[A]} ${pid[B]} 2> /dev/null || true'
started=$(date +%s)
start_replica A
echo "replica A up in $(($(date +%s) - started)) s (demo of $occurrences occurrences loaded)"
started=$(date +%s)
start_replica B
echo "replica B up in $(($(date +%s) - started)) s"

front=$(bench_free_port)
front_tiles=$(bench_free_port)
proxy="proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$http_host;
  proxy_set_header X-Forwarded-For \$remote_addr; proxy_connect_timeout 1s; proxy_read_timeout 120s;
  proxy_next_upstream error timeout http_502 http_503 http_504;"
bench_nginx "$front" "location / { proxy_pass http://services; $proxy }" "
  upstream services { server 127.0.0.1:${port[A]} max_fails=0;
    server 127.0.0.1:${port[B]} max_fails=0; keepalive 16; }
  upstream tiles { server 127.0.0.1:${tile_port[A]} max_fails=0;
    server 127.0.0.1:${tile_port[B]} max_fails=0; keepalive 16; }
  server { listen 127.0.0.1:$front_tiles; location / { proxy_pass http://tiles; $proxy } }"

echo "date $(date -u '+%F %H:%M') UTC, commit $(git rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. mixed load through nginx while B is killed and started again
python3 bench/lib/urls.py wms-tiles "http://127.0.0.1:$front" ours 12 14 > "$BENCH_WORK/images.txt"
python3 bench/lib/urls.py wmts-rest "http://127.0.0.1:$front" obs:habitats obs:communes >> "$BENCH_WORK/images.txt"
python3 bench/lib/urls.py wmts-rest "http://127.0.0.1:$front_tiles" obs:corridors obs:obstacles >> "$BENCH_WORK/images.txt"
for start in 0 100 200 300 400 500 600 700 800 900; do
  for type in sinp:occurrences obs:communes obs:habitats; do
    echo "http://127.0.0.1:$front/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=$type&COUNT=100&STARTINDEX=$start&OUTPUTFORMAT=application/json"
  done
done > "$BENCH_WORK/features.txt"
bench_header
bench_loadgen "images through nginx, B killed and restarted" "$BENCH_WORK/images.txt" --seconds "$load_seconds" \
  > "$BENCH_WORK/images.out" 2> "$BENCH_WORK/images.err" &
images=$!
bench_loadgen "WFS pages through nginx, B killed and restarted" "$BENCH_WORK/features.txt" --seconds "$load_seconds" \
  --expect application/json > "$BENCH_WORK/features.out" 2> "$BENCH_WORK/features.err" &
features=$!
sleep $((load_seconds / 3))
kill -9 "${pid[B]}"
killed=$(date +%s)
sleep 3
start_replica B
echo "B killed, started again and ready after $(($(date +%s) - killed)) s (during the load)" >&2
failed=0
wait $images || failed=1
wait $features || failed=1
cat "$BENCH_WORK/images.out" "$BENCH_WORK/features.out"
cat "$BENCH_WORK/images.err" "$BENCH_WORK/features.err" >&2
[ $failed -eq 0 ] || { echo "FAILED: clients saw errors while B was killed"; exit 1; }

# a tile of obs:obstacles over the marsh (z14), its centre in Web Mercator, and a road across it through A
read -r row col cx cy < <(python3 -c '
import math
z, lon, lat = 14, 2.27, 50.74
n = 2 ** z
col = math.floor((lon + 180) / 360 * n)
row = math.floor((1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * n)
span = 2 * 20037508.3427892 / n
print(row, col, -20037508.3427892 + (col + 0.5) * span, 20037508.3427892 - (row + 0.5) * span)')
tile=/wmts/1.0.0/obs:obstacles/default/WebMercatorQuad/14/$row/$col.png
etag() { curl -sf -D - -o /dev/null "http://127.0.0.1:${port[$1]}$tile" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}'; }
cache() { curl -sf -D - -o /dev/null "http://127.0.0.1:${port[$1]}$tile" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-tile-cache" {print $2}'; }
road() { # road X1 Y1 X2 Y2 (Web Mercator), then the area declared changed through A
  psql -qAtc "INSERT INTO landscape.obstacle (kind, class, name, geom) VALUES ('road', 'motorway', 'bench road',
    ST_Transform(ST_SetSRID(ST_MakeLine(ST_MakePoint($1, $2), ST_MakePoint($3, $4)), 3857), 2154))"
  curl -sf -o /dev/null -u "$admin" -H 'Content-Type: application/json' \
    -d "{\"bbox\": [$(python3 -c "print(min($1,$3)-10, min($2,$4)-10, max($1,$3)+10, max($2,$4)+10, sep=', ')")], \"srid\": 3857}" \
    "http://127.0.0.1:${port[A]}/rest/layers/obs:obstacles/changed"
}

# 2. an invalidation through A reaches B: B polled on one keep-alive connection from the moment A has answered the
#    declaration, until its answer is no longer the old tile (the time includes drawing the new tile)
etag A > /dev/null; etag B > /dev/null
[ "$(cache B)" = HIT ] || { echo "FAILED: B does not serve the tile from its cache"; exit 1; }
psql -qAtc "INSERT INTO landscape.obstacle (kind, class, name, geom) VALUES ('road', 'motorway', 'bench road',
  ST_Transform(ST_SetSRID(ST_MakeLine(ST_MakePoint($cx - 400, $cy), ST_MakePoint($cx + 400, $cy)), 3857), 2154))"
reached=$(python3 - "${port[A]}" "${port[B]}" "$tile" "$admin" "$cx" "$cy" <<'PY'
import base64, http.client, sys, time
a, b, tile, admin, cx, cy = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]), float(sys.argv[6])
to_b = http.client.HTTPConnection("127.0.0.1", int(b), timeout=30)
def etag():
    to_b.request("GET", tile)
    r = to_b.getresponse()
    r.read()
    return r.getheader("ETag")
old = etag()
declare = http.client.HTTPConnection("127.0.0.1", int(a), timeout=30)
declare.request("POST", "/rest/layers/obs:obstacles/changed",
                body='{"bbox": [%f, %f, %f, %f], "srid": 3857}' % (cx - 410, cy - 10, cx + 410, cy + 10),
                headers={"Content-Type": "application/json",
                         "Authorization": "Basic " + base64.b64encode(admin.encode()).decode()})
assert declare.getresponse().status == 200
declared = time.perf_counter()
while etag() == old and time.perf_counter() - declared < 10:
    time.sleep(0.005)
print(round((time.perf_counter() - declared) * 1000))
PY
)
[ "$(etag B)" = "$(etag A)" ] || { echo "FAILED: B's tile is not A's new one after ${reached} ms"; exit 1; }
echo "an area declared changed through A: B served the new tile ${reached} ms later (bound: 1000 ms)"
late=0
[ "$reached" -lt 1000 ] || { echo "FAILED: over a second"; late=1; }

# 3. a change B cannot hear: B killed, a second road declared through A, B started again on its cache folder
cache B > /dev/null
kill -9 "${pid[B]}"
road "$cx" "$(python3 -c "print($cy - 400)")" "$cx" "$(python3 -c "print($cy + 400)")"
start_replica B
first=$(cache B)
[ "$first" = MISS ] && [ "$(etag B)" = "$(etag A)" ] || { echo "FAILED: restarted B served its stale tile ($first)"; exit 1; }
echo "a change declared through A while B was down: restarted B drew the tile anew (X-Tile-Cache: $first, A's ETag)"

# 4. an import job sent through A, polled to completion through B
read -r dataset lon lat < <(psql -Atc "SELECT d.uuid, ST_X(p), ST_Y(p) FROM ref.dataset d
  JOIN ref.organisation o ON o.id = d.producer_id,
  LATERAL (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) p FROM territory.commune ORDER BY insee LIMIT 1) c
  WHERE o.acronym = 'GON' ORDER BY d.title LIMIT 1" | tr '|' ' ')
{
  echo "Identifiant;Code taxon;Nom latin;Date;Observateur;Nombre;Statut;X;Y"
  for i in $(seq 1 200); do echo "R$i;90000001;Anas platyrhynchos;02/04/2022;DUPONT Marie (GON);$i;présent;$lon;$lat"; done
} > "$BENCH_WORK/import.csv"
location=$(curl -sf -D - -o /dev/null -u "$producer" -F "file=@$BENCH_WORK/import.csv" \
  "http://127.0.0.1:${port[A]}/rest/imports?dataset=$dataset&mapping=association" | tr -d '\r' |
  awk -F': ' 'tolower($1) == "location" {print $2}')
path=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).path)' "$location")
sent=$(date +%s)
state=queued
while [ "$state" != done ] && [ "$state" != failed ] && [ $(($(date +%s) - sent)) -lt 120 ]; do
  sleep 0.5
  job=$(curl -sf -u "$producer" "http://127.0.0.1:${port[B]}$path")
  state=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["state"])' "$job")
done
[ "$state" = done ] || { echo "FAILED: the import job sent through A is $state as seen through B: $job"; exit 1; }
echo "an import job sent through A, followed through B to its end: $(python3 -c '
import json, sys; print(json.loads(sys.argv[1])["report"]["counts"])' "$job")"

# the standby's log: where it ends, and the statements of the replicas' read pool since a mark (not the pool's check
# of the replay position, nor a transaction's frame)
log_mark() { stat -c %s "$pgroot/standby.log"; }
standby_reads() {
  tail -c +$(($1 + 1)) "$pgroot/standby.log" |
    { grep -E '^observatory replica reads: LOG:  (statement|execute [^:]*): ' || true; } |
    sed -E 's/^[^:]*: LOG:  (statement|execute [^:]*): //' |
    { grep -Ev '^(SELECT pg_is_in_recovery|BEGIN|COMMIT|ROLLBACK|SET|SHOW|RESET)|^\s*$' || true; } | wc -l
}
# replica_reads NAME: 1 while that replica sends its reads to the standby, 0 while to the primary (its metric)
replica_reads() {
  curl -sf -u "$admin" "http://127.0.0.1:${port[$1]}/actuator/prometheus" |
    awk '/^obs_database_replica_reads/ {print int($2)}'
}
# wait_reads VALUE: waits (at most 60 s) until both replicas' metric is VALUE; prints the seconds it took
wait_reads() {
  local since=$(date +%s%N)
  until [ "$(replica_reads A)" = "$1" ] && [ "$(replica_reads B)" = "$1" ]; do
    sleep 0.1
    [ $(( ($(date +%s%N) - since) / 1000000000 )) -lt 60 ] || { echo "FAILED: the replicas' reads never went to $1" >&2; exit 1; }
  done
  python3 -c "print(round(($(date +%s%N) - $since) / 1e9, 1))"
}

# failed_load NAME: a load saw errors: what it saw and the replicas' last words, then stop
failed_load() {
  cat "$BENCH_WORK/$1.out"
  for name in A B; do echo "--- replica $name:"; grep -E 'WARN|ERROR' "$BENCH_WORK/$name.log" | tail -15; done
  echo "FAILED: clients saw errors ($1)"
  exit 1
}

# 5. the standby healthy: the WFS pages' statements run there
wait_reads 1 > /dev/null
mark=$(log_mark)
bench_loadgen "WFS pages through nginx, the standby healthy" "$BENCH_WORK/features.txt" --seconds 10 \
  --expect application/json > "$BENCH_WORK/healthy.out" 2>&1 || failed_load healthy
healthy=$(standby_reads "$mark")
cat "$BENCH_WORK/healthy.out"
[ "$healthy" -gt 0 ] || { echo "FAILED: no read ran on the healthy standby"; exit 1; }
echo "the standby healthy: $healthy statements of the replicas' reads ran on it"

# 6. the standby stopped and started again under load: no failed request
bench_loadgen "images through nginx, the standby stopped and restarted" "$BENCH_WORK/images.txt" --seconds 30 \
  > "$BENCH_WORK/standby-images.out" 2> "$BENCH_WORK/standby-images.err" &
images=$!
bench_loadgen "WFS pages through nginx, the standby stopped and restarted" "$BENCH_WORK/features.txt" --seconds 30 \
  --expect application/json > "$BENCH_WORK/standby-features.out" 2> "$BENCH_WORK/standby-features.err" &
features=$!
sleep 8
bench_as_pg "$bindir/pg_ctl" -D "$pgroot/standby" -m fast -w stop > /dev/null
stopped=$(date +%s)
left=$(wait_reads 0)
sleep 10
standby_ctl start
back=$(wait_reads 1)
echo "the standby stopped under load: both replicas read on the primary ${left} s later; started again after" \
  "$(($(date +%s) - stopped)) s, taken again ${back} s after its start" >&2
failed=0
wait $images || failed=1
wait $features || failed=1
cat "$BENCH_WORK/standby-images.out" "$BENCH_WORK/standby-features.out"
cat "$BENCH_WORK/standby-images.err" "$BENCH_WORK/standby-features.err" >&2
[ $failed -eq 0 ] || { echo "FAILED: clients saw errors while the standby was stopped"; exit 1; }

# 7. the standby lagging: replay paused while the primary keeps writing (a row every 0.2 s)
psql -qAtc "CREATE TABLE bench_lag (at timestamptz)"
( while true; do psql -qAtc "INSERT INTO bench_lag VALUES (now())"; sleep 0.2; done ) &
writer=$!
bench_cleanup_add "kill $writer 2> /dev/null || true"
standby_sql "SELECT pg_wal_replay_pause()"
left=$(wait_reads 0)
mark=$(log_mark)
bench_loadgen "WFS pages through nginx, the standby lagging" "$BENCH_WORK/features.txt" --seconds 10 \
  --expect application/json > "$BENCH_WORK/lagging.out" 2>&1 || failed_load lagging
lagging=$(standby_reads "$mark")
cat "$BENCH_WORK/lagging.out"
standby_sql "SELECT pg_wal_replay_resume()"
back=$(wait_reads 1)
kill $writer
[ "$lagging" -eq 0 ] || { echo "FAILED: $lagging statements ran on the lagging standby"; exit 1; }
echo "the standby's replay paused (max-lag 5 s): both replicas left it ${left} s later, then 0 statements of the" \
  "load ran on it; replay resumed: taken again ${back} s later"
exit $late
