#!/usr/bin/env bash
# Measures the demo loader at a given size (default: the regional platform's 6 000 000 occurrences) into its own
# private cluster (.local/bench, or BENCH_HOME), and prints the wall time, the loader's peak memory and the database size.
#   usage: bench/load-demo.sh [OCCURRENCES]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-6000000}
bin/ensure-postgis
export OBS_HOME=${BENCH_HOME:-.local/bench}
. bench/lib/common.sh
# a copy of the jar (built when missing), so that a rebuild during the measure cannot pull classes from under it
/usr/bin/time -f 'wall %e s, peak RSS %M KiB' java -jar "$(bench_server_jar)" load-demo --occurrences "$n" --replace \
  2> >(tr '\r' '\n' | grep -v '^occurrences \[' >&2)
# database size, through the cluster the loader left stopped (or that runs for another user of it, a bench server)
bench_cluster_up
bench_pg_env
psql -Atc "SELECT 'database ' || pg_size_pretty(pg_database_size('observatory')) || ', sinp.occurrence ' || pg_size_pretty((SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('sinp.occurrence'))) || ' with indexes (every partition), ' || (SELECT count(*) FROM sinp.occurrence) || ' rows'"
