#!/usr/bin/env bash
# The fixed cost of a WMS GetMap (issue 19): builds of this server, one at a time on the 1 M demo, on small habitat
# tiles where drawing costs next to nothing — a z16 tile over an empty area (the query runs, finds no row), the 9 z16
# tiles of bench/wms-fair.sh (1 to 100 polygons each) — and on the 53 habitat tiles of that bench (z10..z16). Each
# list is fetched PASSES times by CLIENTS clients after WARMUP passes; each line gives requests/s and the CPU time per
# request of the whole PostgreSQL cluster and of the server's JVM (/proc ticks, whatever the machine's load), the
# JVM's split into its request threads (Tomcat's http-nio-*), its JIT compiler threads and the rest (GC, timers); the
# builds in turn, the order turning from round to round. Then, per build, what its JDBC driver sent for one request
# of each list (the driver's trace: statements, and a Sync at the end of each round trip).
#   usage: bench/getmap-cost.sh JAR... (needs the demo of bench/load-demo.sh 1000000 in .local/bench)
#   env:   ROUNDS (2), PASSES (40), WARMUP (20), CLIENTS (1), LISTS (empty-z16 habitat-z16 habitat-tiles),
#          (or tiles-z12, tiles-z14, tiles-z16: the 9 tiles of bench/wms-fair.sh at that zoom, every layer),
#          JFR=DIR: a JFR recording (settings=profile) of each build over the measured rounds, in DIR/BUILD.jfr
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { sed -n 2,12p "$0"; exit 2; }
export OBS_HOME=.local/bench
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 1000000
bench_cluster_up
bench_pg_env
rounds=${ROUNDS:-2} passes=${PASSES:-40} warmup=${WARMUP:-20}
export BENCH_CLIENTS=${CLIENTS:-1}
postmaster=$(bench_postmaster)
# jvm_cpu PID: the CPU ticks of the JVM's request threads, JIT compiler threads and other threads
jvm_cpu() {
  for t in /proc/"$1"/task/*; do echo "$(tr -d ' ' < "$t/comm") $(cut -d')' -f2 "$t/stat" | awk '{print $12 + $13}')"; done |
    awk '/^http-nio/ {r += $2; next} /^C[12]_?Compiler/ {j += $2; next} {o += $2} END {print r + 0, j + 0, o + 0}'
}
names=() pids=() ports=()
for jar in "$@"; do
  port=$(bench_free_port)
  BENCH_JAR=$(realpath "$jar") bench_start_server "$port"
  names+=("$(basename "$jar" .jar)") pids+=("$BENCH_SERVER") ports+=("$port")
done
for i in "${!names[@]}"; do
  base=http://127.0.0.1:${ports[$i]}
  python3 bench/lib/urls.py tile-getmap "$base" ours obs:habitats > "$BENCH_WORK/habitat-tiles-$i.txt"
  awk -F'BBOX=' '{split($2, b, ","); if (b[3] - b[1] < 700) print}' "$BENCH_WORK/habitat-tiles-$i.txt" \
    > "$BENCH_WORK/habitat-z16-$i.txt"
  # a z16 tile 9 km east of the habitats: within the layer's reach, so the query runs, but no polygon there
  sed -E 's/BBOX=[^&]*/BBOX=289849.211,6579699.395,290460.707,6580310.891/' "$BENCH_WORK/habitat-z16-$i.txt" |
    head -1 > "$BENCH_WORK/empty-z16-$i.txt"
  # the tiles of bench/wms-fair.sh with every layer (habitats, communes, corridors, occurrences)
  for z in 12 14 16; do
    python3 bench/lib/urls.py wms-tiles "$base" ours $z > "$BENCH_WORK/tiles-z$z-$i.txt"
  done
done
lists=${LISTS:-"empty-z16 habitat-z16 habitat-tiles"}
echo "date $(date -u '+%F %H:%M') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); builds: $*;" \
  "$BENCH_CLIENTS client(s), $passes passes a line"
for i in "${!names[@]}"; do
  for list in $lists; do
    bench_loadgen warm-up "$BENCH_WORK/$list-$i.txt" --passes "$warmup" --warmup 0 > /dev/null
  done
  [ -z "${JFR:-}" ] || { mkdir -p "$JFR"; jcmd "${pids[$i]}" JFR.start name=cost settings=profile > /dev/null; }
done
echo "| what | requests | errors | requests/s | p50 ms | p95 ms | mean KiB | PostgreSQL CPU ms / request | JVM CPU ms / request: request threads + JIT + other |"
echo "|---|---|---|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
  order=("${!names[@]}")
  [ $((round % 2)) -eq 1 ] || order=($(printf '%s\n' "${order[@]}" | tac))
  for list in $lists; do
    for i in "${order[@]}"; do
      n=$(($(grep -c . "$BENCH_WORK/$list-$i.txt") * passes))
      jvm=$(jvm_cpu "${pids[$i]}") pg=$(bench_cpu_ms "$postmaster")
      row=$(bench_loadgen "round $round, $list, ${names[$i]}" "$BENCH_WORK/$list-$i.txt" --passes "$passes" --warmup 0)
      echo "$row $(awk -v p="$(($(bench_cpu_ms "$postmaster") - pg))" -v n="$n" -v hz="$(getconf CLK_TCK)" \
        -v before="$jvm" -v after="$(jvm_cpu "${pids[$i]}")" 'BEGIN {split(before, b); split(after, a)
          r = (a[1] - b[1]) * 1000 / hz / n; j = (a[2] - b[2]) * 1000 / hz / n; o = (a[3] - b[3]) * 1000 / hz / n
          printf "%.2f | %.2f: %.2f + %.2f + %.2f |", p / n, r + j + o, r, j, o}')"
    done
  done
done
for i in "${!names[@]}"; do
  [ -z "${JFR:-}" ] || jcmd "${pids[$i]}" JFR.stop name=cost filename="$(realpath "$JFR")/${names[$i]}.jfr" > /dev/null
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# the statements: each build again, its JDBC driver tracing the messages it sends (a Sync ends each round trip)
for i in "${!names[@]}"; do
  kill "${pids[$i]}"
  port=$(bench_free_port)
  BENCH_JAR=$(realpath "$1") bench_start_server "$port" --logging.level.org.postgresql.core.v3.QueryExecutorImpl=TRACE
  shift
  log=$BENCH_WORK/server-$port.log
  for list in $lists; do
    request=$(head -1 "$BENCH_WORK/$list-$i.txt" | sed "s|:${ports[$i]}/|:$port/|")
    curl -sf -o /dev/null "$request" # the first: the server's caches filled
    from=$(wc -l < "$log")
    curl -sf -o /dev/null "$request"
    sleep 0.5
    echo
    echo "${names[$i]}, one request of $list: what the driver sent ($(tail -n +"$((from + 1))" "$log" |
      grep -c 'FE=> Sync' || true) round trips)"
    tail -n +"$((from + 1))" "$log" | grep -F -e 'FE=> Parse' -e 'FE=> Execute' -e 'FE=> Sync' -e 'simple execute' |
      sed -E 's/^.* (FE=>|simple execute)/\1/' | cut -c1-200 || true
  done
done
