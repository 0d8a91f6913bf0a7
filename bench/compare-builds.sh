#!/usr/bin/env bash
# This checkout's server beside the server of an earlier commit, on the same bench data in the same run, to show a
# change did not make the hot paths slower: WFS GetFeature in GeoJSON (50 000 occurrences as the public sees them, and
# every habitat patch), WMS GetMap tiles (the 27 tiles of bench/wms-getmap.sh: habitats + communes + corridors +
# occurrences) and cached WMTS tiles from the tile endpoint (the 106 tiles of bench/wmts-tiles.sh, in memory after a
# first pass; wrk). Each list is measured on both servers in turn, RUNS times, alternating which goes first.
# This build reads an identical copy of the bench database (observatory_this, made afresh from observatory), since it
# may migrate the data model further than the earlier build knows; the earlier build reads observatory itself.
#   usage: bench/compare-builds.sh BASE_REV   (needs the demo of bench/load-demo.sh 1000000 in .local/bench, Debian's wrk)
#   env:   RUNS (2), PASSES (3: passes over the WFS and WMS lists in each measure), SECONDS_PER_RUN (10, for wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
base_rev=${1:?usage: bench/compare-builds.sh BASE_REV}
export OBS_HOME=.local/bench
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 1000000
runs=${RUNS:-2}
passes=${PASSES:-3}
seconds=${SECONDS_PER_RUN:-10}
base_commit=$(git rev-parse --short "$base_rev")
this_commit=$(git rev-parse --short HEAD)$([ -z "$(git status --porcelain -- '*.java' '*.xml')" ] || echo "+changes")

# the earlier commit's jar, built in a worktree of its own
git worktree add -q --detach "$BENCH_WORK/base" "$base_rev"
bench_cleanup_add "git worktree remove --force '$BENCH_WORK/base'"
(cd "$BENCH_WORK/base" && mvn -o -q -B -DskipTests package -pl server -am >&2)
cp "$BENCH_WORK/base/server/target/observatory-server.jar" "$BENCH_WORK/base.jar"
this_jar=$(bench_server_jar)

# the copy this build reads and may migrate (the database must be idle while it is copied)
bench_cluster_up
bench_pg_env
psql -q -d postgres -c 'DROP DATABASE IF EXISTS observatory_this' -c 'CREATE DATABASE observatory_this TEMPLATE observatory'
this_db="jdbc:postgresql://127.0.0.1:$PGPORT/observatory_this"

declare -A main tiles
for build in base this; do
  port=$(bench_free_port); BENCH_TILE_PORT=$(bench_free_port)
  jar=$BENCH_WORK/base.jar; database=()
  [ $build = base ] || { jar=$this_jar; database=(--spring.datasource.url="$this_db"); }
  BENCH_JAR=$jar bench_start_server "$port" --obs.wmts.cache-dir="$BENCH_WORK/cache-$build" \
    --obs.wms.max-features-per-layer=5000000 --obs.statement-timeout-seconds=600 "${database[@]}"
  main[$build]=http://127.0.0.1:$port
  tiles[$build]=http://127.0.0.1:$BENCH_TILE_PORT
  wfs="${main[$build]}/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&OUTPUTFORMAT=application/json"
  printf '%s\n' "$wfs&TYPENAMES=sinp:occurrences&COUNT=50000" "$wfs&TYPENAMES=obs:habitats" > "$BENCH_WORK/wfs-$build.txt"
  python3 bench/lib/urls.py wms-tiles "${main[$build]}" ours > "$BENCH_WORK/getmap-$build.txt"
  python3 bench/lib/urls.py wmts-rest "${tiles[$build]}" obs:habitats obs:communes > "$BENCH_WORK/tiles-$build.txt"
  # the tiles in the cache: the first pass renders them
  /usr/bin/python3 bench/lib/loadgen.py "$BENCH_WORK/tiles-$build.txt" --clients 2 --warmup 0 --json > /dev/null
done

echo "date $(date -u '+%F %H:%M') UTC, base $base_commit, this build $this_commit, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "occurrences: $(psql -Atc 'SELECT count(*) FROM sinp.occurrence'), $(java -version 2>&1 | head -1)"
echo
bench_header
for run in $(seq "$runs"); do
  order="base this"; [ $((run % 2)) -eq 1 ] || order="this base"
  warmup=0; [ "$run" -gt 1 ] || warmup=1
  for build in $order; do
    label="run $run, $build ($([ $build = base ] && echo "$base_commit" || echo "$this_commit"))"
    bench_loadgen "$label, WFS GeoJSON" "$BENCH_WORK/wfs-$build.txt" --passes "$passes" --warmup $warmup \
      --expect application/json || true
  done
  for build in $order; do
    label="run $run, $build ($([ $build = base ] && echo "$base_commit" || echo "$this_commit"))"
    bench_loadgen "$label, WMS GetMap tiles" "$BENCH_WORK/getmap-$build.txt" --passes "$passes" --warmup $warmup || true
  done
  for build in $order; do
    label="run $run, $build ($([ $build = base ] && echo "$base_commit" || echo "$this_commit"))"
    bench_wrk "$label, cached tiles (tile endpoint)" "$BENCH_WORK/tiles-$build.txt" "$seconds" || true
  done
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
