#!/usr/bin/env bash
# Two server jars' imports of one file, one after the other in one run (so that their ratio counts): for each jar, the
# bench cluster's small demo loaded afresh (.local/bench-import, as bench/import-bench.sh makes it), the first import of
# FILE (every row new), then the same file again (every row unchanged); each run's wall time, peak RSS and steps.
#   usage: flock /work/bench.lock bench/import-pair.sh JAR_A JAR_B FILE
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 3 ] || { echo "usage: bench/import-pair.sh JAR_A JAR_B FILE"; exit 2; }
export OBS_HOME=.local/bench-import
file=$3
. bench/lib/common.sh
for jar in "$1" "$2"; do
  java -jar "$jar" load-demo --occurrences 1000 --replace >/dev/null 2>&1
  bench_cluster_up
  bench_pg_env
  dataset=$(psql -Atc "SELECT uuid FROM ref.dataset ORDER BY title LIMIT 1")
  for run in first again; do
    echo "== $(basename "$jar") $run, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f 'wall %e s, peak RSS %M KiB' java -jar "$jar" import "$file" --dataset "$dataset" --mapping association \
      --data-dir data-dir 2>&1 | tr '\r' '\n' | { grep -v '^\(import\|writing\) \[\|INFO\|^$' || true; }
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
