#!/usr/bin/env bash
# Real clients against the server on the demo data: OWSLib (WMS 1.3.0/1.1.1, WFS 2.0.0/1.1.0, WMTS; CSW), QGIS (headless:
# WMS, WFS, WMTS in WebMercatorQuad and Lambert93Quad, OGC API Features; editing occurrences through WFS-T as a
# producer and as a partner), GDAL (ogr2ogr copy of sinp:occurrences with
# paging, ogrinfo, WMS, WMTS, CSW), OGC API - Features (GDAL's OAPIF driver, OWSLib's ogcapi.features), OGC API - Processes
# (OWSLib's ogcapi.processes, a job compared with OWSLib's WPS Execute) and OpenLayers in
# headless Chromium (the /demo/wmts.html page), each checking what it got against the database. Prints one summary
# line per client; exits non-zero when any check fails or a client is missing.
#   usage: bench/real-clients.sh [OUTPUT_DIR]      (default target/real-clients: server log, screenshots)
# The tools come from Debian's packages (bin/ensure-test-tools installs them as root); the clients run on Debian's
# /usr/bin/python3. The server starts as bench/lib/server.sh does (jar built when missing, REBUILD=1 to force).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-target/real-clients}")
mkdir -p "$out"
. bench/lib/server.sh
server_start "$out/server.log"
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in bench/clients
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$out/xdg-runtime  # QGIS headless, without a display
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
# the accounts QGIS edits with (qgis_wfst.py): a producer of the demo's GON and a partner, a new password each run
OBS_WFST_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
export OBS_WFST_PASSWORD
OBS_USER_PASSWORD=$OBS_WFST_PASSWORD java -jar "$server_jar" user add wfst-producteur --roles producer --organisation GON > /dev/null
OBS_USER_PASSWORD=$OBS_WFST_PASSWORD java -jar "$server_jar" user add wfst-partenaire --roles partner > /dev/null
clients=(owslib_clients.py owslib_csw.py qgis_clients.py qgis_wfst.py gdal_clients.py ogcapi_clients.py ogcapi_processes.py openlayers_check.py)
summary=()
status=0
total_passed=0
total_failed=0
for client in "${clients[@]}"; do
  echo "== $client"
  log=$out/${client%.py}.log
  start=$SECONDS
  if /usr/bin/python3 "bench/clients/$client" "$server_url" "$out" > "$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  grep -E '^FAIL ' "$log" | head -n 50 || true
  if [ $result = FAILED ] && ! grep -qE '^[A-Za-z -]+: [0-9]+ passed' "$log"; then tail -n 20 "$log"; fi
  counts=$(grep -E '^[A-Za-z -]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -1 || true)
  if [ -z "$counts" ]; then
    status=1  # a client that printed no summary counts as one failure
  fi
  summary+=("$(printf '%-22s %-6s %4d s  %s' "$client" "$result" $((SECONDS - start)) "$counts")")
  read -r passed failed < <(echo "$counts" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed/\1 \2/; t; s/.*/0 1/')
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
done
echo "== real clients (logs in $out)"
printf '%s\n' "${summary[@]}"
echo "real clients: $total_passed passed, $total_failed failed"
exit $status
