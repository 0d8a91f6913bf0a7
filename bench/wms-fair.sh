#!/usr/bin/env bash
# WMS GetMap on fair ground (issue 19): this server beside MapServer 8 and QGIS Server 3.22, in the same run, on the
# same URLs, interleaved. The peers read tables of exactly what the public sees (bench/fair/public-tables.sql: the
# layers copied, occurrences as the SINP policy shows them to the public, each distinct blurred area once; GiST
# indexes, ANALYZE), styled as closely as each allows (MapServer: bench/mapserver/observatory.map, written from our
# SLD files; QGIS: our SLD files loaded by QGIS, bench/fair/qgis_project.py); each peer runs as 2 FastCGI processes
# behind one nginx, keeping its database connections (MapServer CLOSE_CONNECTION=DEFER, QGIS Server's own pool);
# our server reads through its access policy at each request. 2 clients (bench/lib/loadgen.py), every answer a 200
# image/png. Lists: tiles of habitats + communes + corridors + occurrences at z10 (2x2), z12, z14 and z16 (3x3), the
# 1024x768 maps of those layers at 1:100 000 and 1:25 000 (at z10, z12 and 1:100 000 the occurrences are the public's
# precomputed density grid, which the peers read from the same cells), the habitats alone as tiles at z10..z16 and as
# maps at 1:25 000 and 1:100 000. After a
# warm-up pass of every list on every server, RUNS rounds, each measuring PASSES passes of each list on each server in
# turn, the order of the servers turning from round to round; then the ratio of our requests/s to the best peer's, and
# the CPU time each server and PostgreSQL spent per request on each line (/proc, whatever the machine's load).
#   usage: bench/wms-fair.sh    (needs the demo of bench/load-demo.sh 1000000 in .local/bench; installs the Debian
#          packages cgi-mapserver, qgis-server-bin, qgis-server-wms and nginx-light when missing and run as root)
#   env:   RUNS (2), PASSES (1), WARMUP (1): passes of each list in the warm-up round (a JVM compiles for its
#          first thousand requests or so: more passes measure ours nearer a server that has run a while),
#          SAMPLES=DIR keeps the first answer of each list from each server,
#          PEERS ("mapserver qgis"): the peers measured (QGIS Server's z16 tiles take minutes a round under load;
#          the servers run one after another, so leaving a peer out changes nothing for the others),
#          BASE_JAR=JAR: another build of ours measured beside them as "base" (before and after in one run),
#          BENCH_JAR=JAR: the build measured as "ours" (this checkout's by default),
#          LISTS: the lists measured (all by default: tiles-z10 tiles-z12 tiles-z14 tiles-z16 map-100000 map-25000
#          habitat-tiles habitat-maps; e.g. "habitat-tiles habitat-maps")
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
[ -x /usr/lib/cgi-bin/mapserv ] || missing+=(cgi-mapserver)
[ -x /usr/lib/cgi-bin/qgis_mapserv.fcgi ] || missing+=(qgis-server-bin)
[ -f /usr/lib/qgis/server/libwms.so ] || missing+=(qgis-server-wms)
command -v nginx > /dev/null || missing+=(nginx-light)
/usr/bin/python3 -c 'import qgis.core' 2> /dev/null || missing+=(python3-qgis)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "missing Debian packages: sudo apt-get install -y ${missing[*]}"; exit 2; }
  echo "installing ${missing[*]} ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
export OBS_HOME=.local/bench
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 1000000
runs=${RUNS:-2}
passes=${PASSES:-1}
port=$(bench_free_port)
# the peers have no cap on the features of a layer: lift ours above the demo's size so all draw everything
bench_start_server "$port" --obs.wms.max-features-per-layer=5000000 --obs.statement-timeout-seconds=600
ours_pid=$BENCH_SERVER
if [ -n "${BASE_JAR:-}" ]; then
  base_port=$(bench_free_port)
  BENCH_JAR=$(realpath "$BASE_JAR") bench_start_server "$base_port" --obs.wms.max-features-per-layer=5000000 \
    --obs.statement-timeout-seconds=600
  base_pid=$BENCH_SERVER
  BENCH_SERVER=$ours_pid
fi
bench_pg_env
peer_names=${PEERS:-mapserver qgis}
locations=
for peer in $peer_names; do
  case $peer in
    mapserver) bench_mapserver_spawn "$PWD/bench/mapserver/observatory.map" 2
               locations="$locations $(bench_fcgi_location /mapserv mapserv.sock)" ;;
    qgis) bench_qgis_spawn 2
          locations="$locations $(bench_fcgi_location /qgis qgis.sock)" ;;
    *) echo "unknown peer $peer (mapserver, qgis)"; exit 2 ;;
  esac
done
peers=$(bench_free_port)
bench_nginx "$peers" "$locations"
# whose CPU each line counts: the server's processes, and the whole PostgreSQL cluster's (one server runs at a time)
declare -A server_pid=([ours]=$ours_pid [base]=${base_pid:-} [mapserver]=${BENCH_MAPSERVER:-} [qgis]=${BENCH_QGIS:-})
postmaster=$(bench_postmaster)
targets="ours ${BASE_JAR:+base} $peer_names"
lists=${LISTS:-tiles-z10 tiles-z12 tiles-z14 tiles-z16 map-100000 map-25000 habitat-tiles habitat-maps}
for target in $targets; do
  base=http://127.0.0.1:$peers; [ $target != ours ] || base=http://127.0.0.1:$port
  [ $target != base ] || base=http://127.0.0.1:$base_port # another build of ours: our URLs
  for z in 10 12 14 16; do
    python3 bench/lib/urls.py wms-tiles "$base" "${target/base/ours}" $z > "$BENCH_WORK/tiles-z$z-$target.txt"
  done
  for scale in 100000 25000; do
    python3 bench/lib/urls.py wms-maps "$base" "${target/base/ours}" $scale > "$BENCH_WORK/map-$scale-$target.txt"
  done
  python3 bench/lib/urls.py tile-getmap "$base" "${target/base/ours}" obs:habitats > "$BENCH_WORK/habitat-tiles-$target.txt"
  python3 bench/lib/urls.py habitat-maps "$base" "${target/base/ours}" > "$BENCH_WORK/habitat-maps-$target.txt"
  for list in $lists; do
    # the peers' first answers (project and mapfile read, connections opened), and the samples
    curl -sf -o "$BENCH_WORK/first.png" "$(head -1 "$BENCH_WORK/$list-$target.txt")" ||
      { echo "$target failed on $(head -1 "$BENCH_WORK/$list-$target.txt")"; exit 3; }
    [ -z "${SAMPLES:-}" ] || { mkdir -p "$SAMPLES"; cp "$BENCH_WORK/first.png" "$SAMPLES/$list-$target.png"; }
  done
done
echo "date $(date -u '+%F %H:%M') UTC, commit $(git rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "occurrences: $(psql -Atc 'SELECT count(*) FROM sinp.occurrence'), public tables: $(psql -Atc 'SELECT count(*) FROM fair.occurrence_areas') blurred areas, $(psql -Atc 'SELECT count(*) FROM fair.occurrence_points') exact occurrences, $(psql -Atc 'SELECT count(*) FROM fair.density_cells') density cells"
echo "$(mapserv -v | head -1 | cut -d' ' -f1-3), QGIS Server $(dpkg-query -W -f '${Version}' qgis-server-bin), $(java -version 2>&1 | head -1)"
echo
bench_header | tee "$BENCH_WORK/table.md"
for run in $(seq 0 "$runs"); do
  # round 0 is the warm-up pass of everything (the JIT, the peers' caches), not printed
  set -- $targets
  for _ in $(seq 1 $((run % $#))); do first=$1; shift; set -- "$@" "$first"; done
  for list in $lists; do
    for target in "$@"; do
      if [ "$run" -eq 0 ]; then
        bench_loadgen warm-up "$BENCH_WORK/$list-$target.txt" --passes "${WARMUP:-1}" --warmup 0 > /dev/null || true
      else
        cpu_before="$(bench_cpu_ms "${server_pid[$target]}") $(bench_cpu_ms "$postmaster")"
        bench_loadgen "run $run, $list, $target" "$BENCH_WORK/$list-$target.txt" --passes "$passes" --warmup 0 |
          tee -a "$BENCH_WORK/table.md" || true
        echo "run $run, $list, $target $cpu_before $(bench_cpu_ms "${server_pid[$target]}") $(bench_cpu_ms "$postmaster")" \
          "$(($(grep -cv '^#' "$BENCH_WORK/$list-$target.txt") * passes))" >> "$BENCH_WORK/cpu.txt"
      fi
    done
  done
done
echo
echo "ours / best peer, requests/s:"
/usr/bin/python3 - "$BENCH_WORK/table.md" <<'PY'
import re, sys
rates = {}
for line in open(sys.argv[1]):
    m = re.match(r"\| run (\d+), (\S+), (\S+) \| [^|]+ \| (\d+) \| ([\d.]+) \|", line)
    if m and m.group(4) == "0":
        rates.setdefault((m.group(2), m.group(1)), {})[m.group(3)] = float(m.group(5))
for (name, run), r in sorted(rates.items()):
    peers = {k: v for k, v in r.items() if k not in ("ours", "base")}
    if "ours" in r and peers:
        best = max(peers, key=peers.get)
        base = f", base build {r['base'] / peers[best]:.2f}x" if "base" in r else ""
        print(f"| {name}, run {run} | {r['ours'] / peers[best]:.2f}x (best peer: {best}){base} |")
PY
echo
echo "CPU per request, ms (the server's processes; PostgreSQL's, all of the cluster's processes; other sessions' load"
echo "does not count, but slows caches and clocks):"
echo "| what | server CPU ms / request | PostgreSQL CPU ms / request |"
echo "|---|---|---|"
awk '{n = $NF; s = $(NF - 2) - $(NF - 4); d = $(NF - 1) - $(NF - 3); NF -= 5;
      printf "| %s | %.1f | %.1f |\n", $0, s / n, d / n}' "$BENCH_WORK/cpu.txt"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); peak RSS: this server $(bench_peak_rss "$BENCH_SERVER")$(
  [ -z "${BENCH_MAPSERVER:-}" ] || echo ", MapServer $(bench_peak_rss "$BENCH_MAPSERVER")")$(
  [ -z "${BENCH_QGIS:-}" ] || echo ", QGIS Server $(bench_peak_rss "$BENCH_QGIS")")"
