#!/usr/bin/env bash
# Harvest: GDAL's ogr2ogr copies every occurrence the public sees of sinp:occurrences from this server's WFS 2.0
# into a GeoPackage, in pages of 10 000 (each page after the first resumes where the one before ended), on the demo
# in .local/bench; prints the wall time, both peak memories and the copied count against the database's.
#   usage: bench/wfs-harvest.sh        (needs a demo of bench/load-demo.sh in .local/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
export OBS_HOME=.local/bench
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 1000000
port=$(bench_free_port)
bench_start_server "$port" --obs.statement-timeout-seconds=900
bench_pg_env
echo "date $(date -u '+%F %H:%M') UTC, commit $(git rev-parse --short HEAD), $(ogr2ogr --version)"
echo "occurrences the public sees: $(psql -Atc "SELECT count(*) FROM sinp.occurrence WHERE diffusion_level < 4")"
gpkg=$BENCH_WORK/occurrences.gpkg
/usr/bin/time -f "ogr2ogr: %e s, peak RSS %M KiB" ogr2ogr --config OGR_WFS_PAGE_SIZE 10000 --config OGR_WFS_PAGING_ALLOWED ON \
  -f GPKG "$gpkg" "WFS:http://localhost:$port/wfs?version=2.0.0" sinp:occurrences -nln occurrences
echo "copied: $(ogrinfo -so "$gpkg" occurrences | sed -n 's/Feature Count: //p')"
echo "server peak RSS: $(grep VmHWM /proc/$BENCH_SERVER/status | awk '{print $2, $3}')"
