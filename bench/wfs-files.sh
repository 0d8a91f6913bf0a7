#!/usr/bin/env bash
# WFS GetFeature as files: 50 000 occurrences of sinp:occurrences as the public sees them (the server's cap, one
# page), as GeoJSON (streamed), as a GeoPackage and as zipped Shapefiles (written to temporary files, then sent),
# beside the peer a client would use without them: the same GeoJSON page converted by GDAL's ogr2ogr. Three runs each;
# prints seconds (median), bytes, and the server's resident memory after the runs.
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
convert() { # driver file: GeoJSON page to the format by ogr2ogr, three runs, median seconds
  local times=()
  for _ in 1 2 3; do
    rm -rf "${out:?}/$2"
    local start=$(date +%s.%N)
    ogr2ogr -f "$1" "$out/$2" "$out/page.json" -lco ENCODING=UTF-8 2>/dev/null || ogr2ogr -f "$1" "$out/$2" "$out/page.json"
    times+=("$(echo "$(date +%s.%N) - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | median
}
read -r json_s json_b < <(fetch application/json page.json)
read -r gpkg_s gpkg_b < <(fetch application/geopackage%2Bsqlite3 page.gpkg)
read -r shp_s shp_b < <(fetch SHAPE-ZIP page.zip)
gdal_gpkg=$(convert GPKG peer.gpkg)
gdal_shp=$(convert "ESRI Shapefile" peer-shp)
rss=$(ps -o rss= -p "$server_pid")
echo "| answer | seconds (median of 3) | bytes |"
echo "|---|---|---|"
echo "| GeoJSON (streamed) | $json_s | $json_b |"
echo "| GeoPackage (server) | $gpkg_s | $gpkg_b |"
echo "| SHAPE-ZIP (server) | $shp_s | $shp_b |"
echo "| peer: GeoJSON + ogr2ogr to GPKG | $(echo "$json_s + $gdal_gpkg" | bc) | $(stat -c %s "$out/peer.gpkg") |"
echo "| peer: GeoJSON + ogr2ogr to Shapefile | $(echo "$json_s + $gdal_shp" | bc) | $(du -cb "$out"/peer-shp/* | tail -1 | cut -f1) (unzipped) |"
echo "server resident memory after the runs: $((rss / 1024)) MB"
