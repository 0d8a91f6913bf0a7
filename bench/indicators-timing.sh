#!/usr/bin/env bash
# Times obs.compute_occurrence_indicators(communes, cells, periods) with V20's body and with V25's on a bench cluster
# that bench/load-demo.sh filled (default .local/bench-6000000), each run in a transaction rolled back (the function
# created there from the migration's text, nothing applied through Flyway): the whole recompute (the no-argument form,
# what an import touching every unit costs) and a partial one as an import of a few rows calls it (three communes,
# two 10 km cells, two periods, and with them the territory's values of those periods). Each run prints its time, the
# number of values written and an md5 of the whole obs.indicator_value table after it, which must be the same for
# both bodies.
#   usage: bench/indicators-timing.sh [OBS_HOME] [RUNS]      (RUNS: a list of body:call, default below)
# SETTINGS: what the runs set first, as the import's transaction does (default below); NO_STATS=1 also deletes the
# planner's statistics of the occurrence table's partitions inside the transaction, as an import that rebuilt them
# leaves them (PartitionLoad analyses nothing).
# Under flock /work/bench.lock when other benches share the machine. Figures: bench/RESULTS.md ("Bulk import").
set -euo pipefail
cd "$(dirname "$0")/.."
export OBS_HOME=${1:-.local/bench-6000000}
runs=${2:-"v20:full v25:full v20:partial v25:partial"}
settings=${SETTINGS:-"SET LOCAL work_mem = '64MB'; SET LOCAL jit = off; SET LOCAL enable_mergejoin = off;"}
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 6000000
bench_cluster_up
bench_pg_env

# V20's body: its CREATE FUNCTION of the three-argument form, made a CREATE OR REPLACE
awk '/^CREATE FUNCTION obs.compute_occurrence_indicators\(communes/ { on = 1 } on { print } on && /^\$\$;/ { exit }' \
  sql/V20__bulk_import_derivation.sql | sed '1s/^CREATE FUNCTION/CREATE OR REPLACE FUNCTION/' > "$BENCH_WORK/v20.sql"
grep -q 'CROSS JOIN LATERAL (VALUES' "$BENCH_WORK/v20.sql" || { echo "V20's body not found"; exit 2; }
cp sql/V25__faster_occurrence_indicators.sql "$BENCH_WORK/v25.sql"

partial=$(psql -Atc "SELECT format('%L, %L, %L', (SELECT array_agg(insee) FROM (SELECT insee FROM territory.commune
    ORDER BY insee LIMIT 3) c), (SELECT array_agg(code) FROM (SELECT DISTINCT code_maille AS code FROM sinp.occurrence
    WHERE code_commune = (SELECT min(insee) FROM territory.commune) ORDER BY 1 LIMIT 2) m),
    ARRAY[DATE '2015-01-01', DATE '2020-01-01'])")
echo "partial call: ($partial)"
echo "settings: $settings${NO_STATS:+ (and no statistics on the partitions)}"
# one scan first, so that no run pays for reading the table from disk
echo "occurrences: $(psql -Atc 'SELECT count(*) FROM sinp.occurrence WHERE observateur IS NOT NULL'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $runs; do
  body=${run%%:*}
  call=${run#*:}
  case $call in
    full) args="" ;;
    partial) args=$partial ;;
    *) echo "unknown call $call"; exit 2 ;;
  esac
  out=$(psql -q -v ON_ERROR_STOP=1 <<SQL
BEGIN;
$settings
$( [ -n "${NO_STATS:-}" ] && echo "DELETE FROM pg_statistic WHERE starelid IN (SELECT relid FROM pg_partition_tree('sinp.occurrence'));" )
\i $BENCH_WORK/$body.sql
\timing on
SELECT obs.compute_occurrence_indicators($args) AS written;
\timing off
SELECT md5(string_agg(indicator_code || unit_type || unit_code || period_start || period_end || value, ','
    ORDER BY indicator_code, unit_type, unit_code, period_start)) AS table_md5 FROM obs.indicator_value;
ROLLBACK;
SQL
)
  written=$(echo "$out" | awk '/written/ { getline; getline; print $1; exit }')
  time=$(echo "$out" | grep -o 'Time: [0-9.]* ms' | head -1 | awk '{ printf "%.1f s", $2 / 1000 }')
  md5=$(echo "$out" | awk '/table_md5/ { getline; getline; print $1; exit }')
  echo "$body $call: $time, $written values written, table md5 $md5, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
