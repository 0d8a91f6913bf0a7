#!/usr/bin/env bash
# Times a WFS Transaction of occurrences (an Update of one occurrence's nom_cite by resource id, six in a row, as an
# administrator account made for the run) on the demo of bin/run (bench/lib/server.sh), then its parts in SQL on the
# same database: the region's buffered pieces computed (as every call did before migration V22) and read from their
# cache, the refresh of sinp.occurrence_maille and obs.compute_occurrence_indicators() (both rolled back).
#   usage: bench/wfst-occurrence-timing.sh [OUTPUT_DIR]      (default target/wfst-timing)
# Figures: bench/RESULTS.md ("A Transaction of occurrences, where its time goes").
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-target/wfst-timing}")
mkdir -p "$out"
. bench/lib/server.sh
server_start "$out/server.log"
pw=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
OBS_USER_PASSWORD=$pw java -jar "$server_jar" user add wfst-timer --roles admin > /dev/null
id=$(psql "$OBS_PSQL_URL" -Atc "SELECT id_sinp_occtax FROM sinp.occurrence ORDER BY id LIMIT 1")
# the occurrence's name is given back at the end
original=$(psql "$OBS_PSQL_URL" -Atc "SELECT quote_nullable(nom_cite) FROM sinp.occurrence WHERE id_sinp_occtax = '$id'")
body() { cat <<X
<wfs:Transaction service="WFS" version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:fes="http://www.opengis.net/fes/2.0"><wfs:Update typeName="sinp:occurrences"><wfs:Property><wfs:ValueReference>nom_cite</wfs:ValueReference><wfs:Value>$1</wfs:Value></wfs:Property><fes:Filter><fes:ResourceId rid="occurrences.$id"/></fes:Filter></wfs:Update></wfs:Transaction>
X
}
uptime
for i in 1 2 3 4 5 6; do
  curl -s -o "$out/transaction.xml" -w "transaction $i: %{http_code} %{time_total} s\n" -u "wfst-timer:$pw" -H 'Content-Type: text/xml' --data-binary "$(body "nom $i")" "$server_url/wfs"
done
grep -o 'totalUpdated>[0-9]*' "$out/transaction.xml"
psql "$OBS_PSQL_URL" -q <<'SQL'
\timing on
\echo region pieces computed (what each call did before V22), twice
SELECT count(*) FROM territory.region_pieces(1000);
SELECT count(*) FROM territory.region_pieces(1000);
\echo region pieces read from the cache, twice
SELECT count(*) FROM territory.region_area(1000);
SELECT count(*) FROM territory.region_area(1000);
BEGIN;
\echo refresh of sinp.occurrence_maille
REFRESH MATERIALIZED VIEW sinp.occurrence_maille;
\echo obs.compute_occurrence_indicators()
SELECT obs.compute_occurrence_indicators();
ROLLBACK;
SQL
uptime
psql "$OBS_PSQL_URL" -qc "UPDATE sinp.occurrence SET nom_cite = $original WHERE id_sinp_occtax = '$id'"
