#!/usr/bin/env bash
# Times the WPS corridor processes on a running server: obs:CorridorIndicators for every demo corridor (ids 1, 2...
# until the first unknown one) and obs:Connectivity with patch importance for every sub-network (patches and links
# counted from its summary). Prints one line per request and a summary; each time is curl's total, client side.
#   usage: bench/wps-corridors.sh [BASE_URL]      (default http://localhost:8080, e.g. a server started by bin/run)
set -euo pipefail
base=${1:-http://localhost:8080}
wps="$base/wps?service=WPS&version=1.0.0&request=Execute"
times=$(mktemp)
trap 'rm -f "$times"' EXIT
id=1
while :; do
  out=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "$wps&identifier=obs:CorridorIndicators&DataInputs=corridor%3D$id&RawDataOutput=report")
  [ "${out%% *}" = 200 ] || break
  echo "corridor $id: ${out#* } s"
  echo "${out#* }" >> "$times"
  id=$((id + 1))
done
sort -n "$times" | awk '{t[NR]=$1; s+=$1} END {if (NR) printf "obs:CorridorIndicators: %d corridors, mean %.3f s, median %.3f s, max %.3f s\n", NR, s/NR, t[int((NR+1)/2)], t[NR]}'
for sub in wetland woodland grassland aquatic; do
  start=$(date +%s.%N)
  summary=$(curl -fsS "$wps&identifier=obs:Connectivity&DataInputs=subNetwork%3D$sub&RawDataOutput=summary")
  end=$(date +%s.%N)
  echo "$summary" | python3 -c "import json,sys; s=json.load(sys.stdin); print(f\"obs:Connectivity $sub: {s['patches']} patches, {s['links']} links, dPC of every patch, $(echo "$end - $start" | bc) s\")"
done
