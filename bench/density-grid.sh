#!/usr/bin/env bash
# The precomputed density grids (obs.density_grid, sql/V24) on the bench demo: a full rebuild's time (the
# rebuild-density command, its JVM start and migrations check included) and the grids' size per access class.
# The maps that read them: LISTS="tiles-z10 tiles-z12 map-100000" bench/wms-fair-ab.sh BEFORE_JAR AFTER_JAR, or with
# one jar, live counts (a) against the grids (b): LISTS=... A_ARGS=--obs.wms.precomputed-density=false
# bench/wms-fair-ab.sh JAR JAR.
#   usage: bench/density-grid.sh [JAR]   (needs the demo of bench/load-demo.sh 1000000 in .local/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
export OBS_HOME=.local/bench
. bench/lib/common.sh
bench_require_demo "$OBS_HOME" 1000000
jar=${1:-$(bench_server_jar)}
echo "date $(date -u '+%F %H:%M') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# the command starts the cluster itself when it is stopped
/usr/bin/time -f 'rebuild-density: wall %e s, peak RSS %M KiB' java -jar "$jar" rebuild-density 2>&1 | grep -v ' INFO '
bench_cluster_up
bench_pg_env
psql -Atc "SELECT (SELECT count(*) FROM sinp.occurrence) || ' occurrences; grids ' || pg_size_pretty(pg_total_relation_size('obs.density_grid')) || ' with their index'"
psql -c "SELECT c.access_level, count(*) AS cells, min(g.level) AS finest, max(g.level) AS coarsest,
                sum(g.n) FILTER (WHERE g.level = c.finest) AS features
         FROM obs.density_grid g JOIN obs.density_grid_class c ON c.id = g.class_id GROUP BY c.id, c.access_level ORDER BY c.id"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
