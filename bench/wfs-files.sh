#!/usr/bin/env bash
# WFS GetFeature as files: 50 000 occurrences of sinp:occurrences as the public sees them (the server's cap, one
# page), as GeoJSON (streamed), as a GeoPackage and as zipped Shapefiles (written to temporary files, then sent),
# beside the peer a client would use without them: the same GeoJSON page converted by GDAL's ogr2ogr (the peer's time
# is the GeoJSON's plus the conversion's). Three runs each; prints seconds (median), bytes, and the server's resident
# memory after the runs.
#   usage: bench/wfs-files.sh [OUTPUT_DIR]     (the demo of bin/run: 100 000 occurrences)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-target/wfs-files}")
mkdir -p "$out"
. bench/lib/server.sh
server_start "$out/server.log"
query="$server_url/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&count=50000&srsName=EPSG:2154"
median() { sort -n | sed -n 2p; }
fetch() { # format file: three runs, prints the median seconds and the size
  local times=()
  for _ in 1 2 3; do
    times+=("$(curl -sf -o "$out/$2" -w '%{time_total}' "$query&outputFormat=$1")")
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $(stat -c %s "$out/$2")"
}
timed() { # command...: three runs, prints the median seconds
  local times=()
  for _ in 1 2 3; do
    local start
    start=$(date +%s.%N)
    "$@"
    times+=("$(echo "$(date +%s.%N) - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | median
}
to_gpkg() {
  rm -f "$out/peer.gpkg"
  ogr2ogr -f GPKG "$out/peer.gpkg" "$out/page.json"
}
to_shapefiles() { # one Shapefile holds one kind of geometry: points, then polygons, as a GDAL user would split them
  rm -rf "$out/peer-shp" && mkdir "$out/peer-shp"
  ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$out/peer-shp/points.shp" "$out/page.json" \
      -where "OGR_GEOMETRY = 'POINT'" 2>/dev/null
  ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 -nlt MULTIPOLYGON "$out/peer-shp/polygons.shp" "$out/page.json" \
      -where "OGR_GEOMETRY IN ('POLYGON', 'MULTIPOLYGON')" 2>/dev/null
}
read -r json_s json_b < <(fetch application/json page.json)
read -r gpkg_s gpkg_b < <(fetch application/geopackage%2Bsqlite3 page.gpkg)
read -r shp_s shp_b < <(fetch SHAPE-ZIP page.zip)
gdal_gpkg=$(timed to_gpkg)
gdal_shp=$(timed to_shapefiles)
peer_features=$(for f in "$out"/peer-shp/*.shp; do ogrinfo -ro -so -al "$f" | sed -n 's/^Feature Count: //p'; done \
  | paste -sd+ | bc)
rss=$(ps -o rss= -p "$server_pid")
echo "| answer | seconds (median of 3) | bytes |"
echo "|---|---|---|"
echo "| GeoJSON (streamed) | $json_s | $json_b |"
echo "| GeoPackage (server) | $gpkg_s | $gpkg_b |"
echo "| SHAPE-ZIP (server) | $shp_s | $shp_b |"
echo "| peer: GeoJSON + ogr2ogr to GPKG | $(echo "$json_s + $gdal_gpkg" | bc) | $(stat -c %s "$out/peer.gpkg") |"
echo "| peer: GeoJSON + ogr2ogr to Shapefiles (points, polygons) | $(echo "$json_s + $gdal_shp" | bc) | $(du -cb "$out"/peer-shp/* | tail -1 | cut -f1) (not zipped; $peer_features features) |"
echo "server resident memory after the runs: $((rss / 1024)) MB"
