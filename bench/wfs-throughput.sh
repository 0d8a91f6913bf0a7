#!/usr/bin/env bash
# WFS GetFeature throughput: this server (GeoJSON and GML 3.2; with every property the public sees, and with only
# the five properties the others send) beside MapServer's WFS on the same table and beside
# the database's own limit (psql writing the equivalent ST_AsGeoJSON rows to /dev/null), for 10 000 and
# 1 000 000 features of sinp:occurrences as the public sees them; and the server's peak memory.
#   usage: bench/wfs-throughput.sh        (needs the 6 M demo of bench/load-demo.sh in .local/bench; runs on any demo)
#   env:   COUNTS ("10000 1000000": the counts asked for; the public sees about 820 000 of the 1 M demo's point rows),
#          REPEAT (3): each line is timed REPEAT times after one untimed warm-up, and gives the median
#   Every client gets its best setting: psql runs without JIT (as the server's pools do; a JIT compiling the policy
#   view's plan costs seconds) in one session for all its runs (PROJ's set-up paid once, as a pooled connection does).
set -euo pipefail
cd "$(dirname "$0")/.."
export OBS_HOME=.local/bench
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 6000000
work=$BENCH_WORK
port=$(bench_free_port)
bench_start_server "$port" --obs.wfs.max-features=1000000 --obs.statement-timeout-seconds=900
server=$BENCH_SERVER
bench_pg_env
pgport=$PGPORT; pw=$PGPASSWORD
# the same rows everywhere: the public's point occurrences (exact for them: diffusion level 0, stationnel), no
# observer, reprojected to WGS 84 by each
columns="id, id_sinp_occtax, cd_nom, nom_scientifique, date_debut, sensi_niveau, diffusion_level"
view="SELECT $columns, diffusion_geom AS geom FROM sinp.occurrence_layer WHERE diffusion_level = 0 AND nature_objet_geo = 'St'"
cql="cql_filter=diffusion_level%20%3D%200%20AND%20nature_objet_geo%20%3D%20%27St%27"
printf 'CONFIG\n  ENV\n    MS_MAP_PATTERN ".*"\n  END\nEND\n' > "$work/mapserver.conf"
export MAPSERVER_CONFIG_FILE="$work/mapserver.conf"
cat > "$work/occurrences.map" <<MAPFILE
MAP
  NAME "bench"
  EXTENT 100000 6000000 1300000 7200000
  PROJECTION "init=epsg:2154" END
  WEB METADATA "wfs_enable_request" "*" "wfs_title" "bench" "wfs_srs" "EPSG:2154 EPSG:4326" "wfs_getfeature_formatlist" "geojson" "wfs_maxfeatures" "1000000" END END
  OUTPUTFORMAT NAME "geojson" DRIVER "OGR/GEOJSON" MIMETYPE "application/json" FORMATOPTION "STORAGE=stream" FORMATOPTION "FORM=SIMPLE" END
  LAYER
    NAME "occurrences"
    TYPE POINT
    CONNECTIONTYPE POSTGIS
    CONNECTION "host=127.0.0.1 port=$pgport dbname=observatory user=ows password=$pw"
    DATA "geom FROM ($view) AS t USING UNIQUE id USING SRID=2154"
    PROJECTION "init=epsg:2154" END
    METADATA "wfs_title" "occurrences" "gml_include_items" "all" "gml_featureid" "id_sinp_occtax" "wfs_enable_request" "*" END
    TEMPLATE "ttt"
  END
END
MAPFILE
row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }
echo "| what | features | seconds | features/s |"
echo "|---|---|---|---|"
# ours twice: every property the public sees, then only those psql and MapServer send (the same payload)
same="&propertyName=cd_nom,nom_scientifique,date_debut,sensi_niveau,diffusion_level,geom"
repeat=${REPEAT:-3}
# the median of REPEAT timings of a command printing its own seconds, after one untimed warm-up
median() { "$@" >/dev/null; for _ in $(seq "$repeat"); do "$@"; done | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ours() {
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "http://localhost:$port/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&count=$1&outputFormat=$2&srsName=EPSG:4326&$cql$3")
  [ "${out% *}" = 200 ] || { echo "GetFeature answered HTTP ${out% *}" >&2; exit 3; }
  echo "${out#* }"
}
# one psql session for all the runs of a count: each \copy timed by psql itself
psql_runs() {
  local copy="\\copy (SELECT json_build_object('type','Feature','id',id_sinp_occtax,'geometry',ST_AsGeoJSON(ST_Transform(geom,4326))::json,'properties',json_build_object('cd_nom',cd_nom,'nom_scientifique',nom_scientifique,'date_debut',date_debut,'sensi_niveau',sensi_niveau,'diffusion_level',diffusion_level)) FROM ($view ORDER BY id LIMIT $1) s) TO '/dev/null'"
  { echo '\timing on'; for _ in $(seq $((repeat + 1))); do echo "$copy"; done; } \
    | PGPASSWORD=$pw PGOPTIONS='-c jit=off' psql -h 127.0.0.1 -p "$pgport" -U ows -d observatory -qAt \
    | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n +2 | awk '{print $1 / 1000}' | sort -g \
    | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
mapserver() {
  local start
  start=$(date +%s.%N)
  MS_MAPFILE="$work/occurrences.map" mapserv -nh "QUERY_STRING=service=WFS&version=2.0.0&request=GetFeature&typeNames=occurrences&count=$1&outputFormat=geojson&srsName=EPSG:4326" > "$work/ms.json"
  grep -q '"FeatureCollection"' "$work/ms.json" || { echo "MapServer failed:" >&2; head -c 500 "$work/ms.json" >&2; exit 3; }
  python3 -c "import time; print(round(time.time()-$start, 3))"
}
for n in ${COUNTS:-10000 1000000}; do
  for props in "" "$same"; do
    for fmt in "application/json" "application/gml%2Bxml%3B%20version%3D3.2"; do
      t=$(median ours "$n" "$fmt" "$props"); [ -n "$t" ] || exit 3
      what="this server, $(echo "$fmt" | cut -c1-16), $([ -z "$props" ] && echo "all properties" || echo "the same 5 properties")"
      row "$what" "$n" "$t" "$(python3 -c "print(round($n/$t))")"
    done
  done
  t=$(psql_runs "$n"); [ -n "$t" ] || exit 3
  row "psql ST_AsGeoJSON to /dev/null (no JIT, one session)" "$n" "$t" "$(python3 -c "print(round($n/$t))")"
  if command -v mapserv >/dev/null; then
    t=$(median mapserver "$n"); [ -n "$t" ] || exit 3
    row "MapServer $(mapserv -v | head -1 | cut -d' ' -f3) mapserv, GeoJSON" "$n" "$t" "$(python3 -c "print(round($n/$t))")"
  fi
done
echo
echo "server peak RSS: $(grep VmHWM /proc/$server/status | awk '{print $2, $3}')"
