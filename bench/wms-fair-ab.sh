#!/usr/bin/env bash
# Two builds of this server side by side on the lists of bench/wms-fair.sh (z14 and z16 tiles of habitats + communes
# + corridors + occurrences, the 1:25 000 map, the habitats alone as tiles and maps), in turn, on the same bench
# cluster, the order turning from round to round, 2 clients: whether a change made our own rendering faster or
# slower, without the peers' noise. A warm-up round first, not printed.
#   usage: bench/wms-fair-ab.sh A_JAR B_JAR [ROUNDS (3)]   (needs the demo of bench/load-demo.sh 1000000 in .local/bench)
#   env:   LISTS, the lists measured (default: those of bench/wms-fair.sh); also tiles-z10, tiles-z12 and map-100000,
#          the same layers where the occurrences style draws its density grid
#          A_ARGS, B_ARGS: more server arguments for build a, for build b (default none; split on spaces), other than
#          the two the script gives (Spring joins a property given twice with a comma). With the same jar twice they
#          compare two settings of one build, e.g. the density grids counted live (a) against read from the grids
#          precomputed per access class (b), on the same database:
#            LISTS="tiles-z10 tiles-z12 map-100000" A_ARGS=--obs.wms.precomputed-density=false \
#              bench/wms-fair-ab.sh this.jar this.jar 3
set -euo pipefail
cd "$(dirname "$0")/.."
jar_a=$(realpath "$1") jar_b=$(realpath "$2") rounds=${3:-3}
export OBS_HOME=.local/bench
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 1000000
read -r -a args_a <<< "${A_ARGS:-}"
read -r -a args_b <<< "${B_ARGS:-}"
port_a=$(bench_free_port)
BENCH_JAR=$jar_a bench_start_server "$port_a" --obs.wms.max-features-per-layer=5000000 --obs.statement-timeout-seconds=600 \
  ${args_a[@]+"${args_a[@]}"}
port_b=$(bench_free_port)
BENCH_JAR=$jar_b bench_start_server "$port_b" --obs.wms.max-features-per-layer=5000000 --obs.statement-timeout-seconds=600 \
  ${args_b[@]+"${args_b[@]}"}
lists=${LISTS:-"tiles-z14 tiles-z16 map-25000 habitat-tiles habitat-maps"}
for build in a b; do
  base=http://127.0.0.1:$port_a; [ $build = a ] || base=http://127.0.0.1:$port_b
  for z in 10 12 14 16; do
    python3 bench/lib/urls.py wms-tiles "$base" ours $z > "$BENCH_WORK/tiles-z$z-$build.txt"
  done
  python3 bench/lib/urls.py wms-maps "$base" ours 100000 > "$BENCH_WORK/map-100000-$build.txt"
  python3 bench/lib/urls.py wms-maps "$base" ours 25000 > "$BENCH_WORK/map-25000-$build.txt"
  python3 bench/lib/urls.py tile-getmap "$base" ours obs:habitats > "$BENCH_WORK/habitat-tiles-$build.txt"
  python3 bench/lib/urls.py habitat-maps "$base" ours > "$BENCH_WORK/habitat-maps-$build.txt"
done
echo "date $(date -u '+%F %H:%M') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); a = $jar_a${A_ARGS:+ $A_ARGS}, b = $jar_b${B_ARGS:+ $B_ARGS}"
bench_header
for round in $(seq 0 "$rounds"); do
  order="a b"; [ $((round % 2)) -eq 0 ] || order="b a"
  for list in $lists; do
    for build in $order; do
      if [ "$round" -eq 0 ]; then
        bench_loadgen warm-up "$BENCH_WORK/$list-$build.txt" --warmup 0 > /dev/null || true
      else
        bench_loadgen "round $round, $list, $build" "$BENCH_WORK/$list-$build.txt" --passes 1 --warmup 0 || true
      fi
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
