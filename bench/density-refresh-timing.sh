#!/usr/bin/env bash
# Times obs.refresh_density_grid(areas) over the whole territory (the départements' extent: what the first import of
# millions of rows asks for) with V24's body and with V25's, on a bench cluster that bench/load-demo.sh filled
# (default .local/bench-6000000), each run in a transaction rolled back (the function created there from the
# migration's text, nothing applied through Flyway), with the import's settings, under three states of the planner's
# statistics on the occurrence table:
#   asis        the cluster's own (the bench demo's partitions and their parent analysed);
#   none        none on the partitions nor the parent: what an import left the partitions it rebuilt in before V25
#               (PartitionLoad analysed nothing, autovacuum cannot see them before the commit), the parent never
#               analysed (autovacuum does not analyse a partitioned table);
#   partitions  the leaf partitions analysed, the parent not: what the import leaves now (PartitionLoad analyses).
# Each run prints its time and an md5 of obs.density_grid after it, which must be the same for both bodies.
#   usage: bench/density-refresh-timing.sh [OBS_HOME] [RUNS]    (RUNS: a list of body:statistics, default below)
# Under flock /work/bench.lock when other benches share the machine. Figures: bench/RESULTS.md ("Bulk import").
set -euo pipefail
cd "$(dirname "$0")/.."
export OBS_HOME=${1:-.local/bench-6000000}
runs=${2:-"v24:asis v25:asis v24:none v25:none v24:partitions v25:partitions"}
settings="SET LOCAL work_mem = '64MB'; SET LOCAL jit = off; SET LOCAL enable_mergejoin = off;"
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 6000000
bench_cluster_up
bench_pg_env

# each body: its CREATE FUNCTION obs.refresh_density_grid, made a CREATE OR REPLACE
for v in V24__density_grid V25__faster_occurrence_indicators; do
  awk '/^CREATE (OR REPLACE )?FUNCTION obs.refresh_density_grid\(/ { on = 1 } on { print } on && /^END \$\$;/ { exit }' \
    "sql/$v.sql" | sed '1s/^CREATE FUNCTION/CREATE OR REPLACE FUNCTION/' > "$BENCH_WORK/${v%%__*}.sql"
  grep -q 'pg_advisory_xact_lock' "$BENCH_WORK/${v%%__*}.sql" || { echo "the function is not in $v"; exit 2; }
done
mv "$BENCH_WORK/V24.sql" "$BENCH_WORK/v24.sql"
mv "$BENCH_WORK/V25.sql" "$BENCH_WORK/v25.sql"

echo "occurrences: $(psql -Atc 'SELECT count(*) FROM sinp.occurrence WHERE observateur IS NOT NULL'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $runs; do
  body=${run%%:*}
  statistics=${run#*:}
  case $statistics in
    asis) prepare="" ;;
    none) prepare="DELETE FROM pg_statistic WHERE starelid IN (SELECT relid FROM pg_partition_tree('sinp.occurrence'));" ;;
    partitions) prepare="DELETE FROM pg_statistic WHERE starelid IN (SELECT relid FROM pg_partition_tree('sinp.occurrence'));
$(psql -Atc "SELECT string_agg(format('ANALYZE %s;', relid::regclass), ' ') FROM pg_partition_tree('sinp.occurrence') WHERE isleaf")" ;;
    *) echo "unknown statistics $statistics"; exit 2 ;;
  esac
  out=$(psql -q -v ON_ERROR_STOP=1 <<SQL
SELECT ST_SetSRID(ST_Extent(geom)::geometry, 2154) AS area FROM territory.departement \gset
BEGIN;
$settings
$prepare
\i $BENCH_WORK/$body.sql
\timing on
SELECT obs.refresh_density_grid(ARRAY[:'area'::geometry]) AS refreshed;
\timing off
SELECT md5(string_agg(class_id || ' ' || level || ' ' || ix || ' ' || iy || ' ' || n, ',' ORDER BY class_id, level, ix, iy))
    AS grid_md5 FROM obs.density_grid;
ROLLBACK;
SQL
)
  time=$(echo "$out" | grep -o 'Time: [0-9.]* ms' | head -1 | awk '{ printf "%.1f s", $2 / 1000 }')
  md5=$(echo "$out" | awk '/grid_md5/ { getline; getline; print $1; exit }')
  echo "$body $statistics: $time, grid md5 $md5, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
