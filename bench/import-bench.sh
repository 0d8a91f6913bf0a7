#!/usr/bin/env bash
# Measures the bulk import (issue 13) on a generated file in the association layout
# (data-dir/imports/mappings/association.yaml): ROWS occurrences of the demo's taxa at random points around the
# middle of the demo's territory, labels instead of codes, X/Y in WGS 84. Into a private cluster (.local/bench-import)
# holding a small demo, in one run: a raw COPY of the same file into an unindexed table of text columns (the physical
# bound), the import (every row new), the same file again (every row unchanged), and, when BASELINE_JAR names a server
# jar of another commit (e.g. built from main), that jar's import of the file into the small demo loaded afresh, and
# last the demo generator writing ROWS occurrences (today's loader: `load-demo --occurrences ROWS --replace`, the
# per-row trigger deriving each). Prints the wall time and peak RSS of each, the import's own summary and steps, the
# time of each of its statements over 1 s (from the cluster's log), and the load average.
# At millions of rows the two slower loaders may be measured on fewer: BASELINE_ROWS (today's import of the first
# BASELINE_ROWS rows of the file) and DEMO_ROWS (the demo generator writing that many; 0 leaves it out).
# The file is kept when IMPORT_FILE names it (generated there once, reused when it is there already: the 6 M-row file
# takes minutes to make). Rows/s are the file's rows over each run's wall time. PG_OPTIONS adds server settings to the
# cluster's for the run, e.g. the plans of the slow statements in its log (where their times are printed from):
#   PG_OPTIONS="-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=5000 -c auto_explain.log_analyze=on
#   -c auto_explain.log_buffers=on -c auto_explain.log_timing=off -c auto_explain.log_nested_statements=on"
#   usage: [BASELINE_JAR=path/to/observatory-server.jar] [BASELINE_ROWS=N] [DEMO_ROWS=N] [IMPORT_FILE=/tmp/association-N.csv] \
#          [PG_OPTIONS="-c name=value ..."] bench/import-bench.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
bin/ensure-postgis
export OBS_HOME=.local/bench-import
. bench/lib/common.sh
jar=$(bench_server_jar)
java -jar "$jar" load-demo --occurrences 1000 --replace >/dev/null 2>&1
bench_cluster_up
bench_pg_env
dataset=$(psql -Atc "SELECT uuid FROM ref.dataset ORDER BY title LIMIT 1")
file=${IMPORT_FILE:-$BENCH_WORK/association-$n.csv}
# the file, generated in SQL: one row per occurrence, French column names, ';' separator, decimal commas
[ -s "$file" ] || psql -Atc "COPY (
  WITH centre AS (SELECT ST_Transform(ST_PointOnSurface(ST_Union(geom)), 4326) AS p FROM territory.commune),
       taxa AS (SELECT array_agg(cd_nom ORDER BY cd_nom) AS cd, array_agg(lb_nom ORDER BY cd_nom) AS name
                FROM ref.taxref WHERE cd_nom >= 90000000)
  SELECT 'B' || i, taxa.cd[1 + i % array_length(taxa.cd, 1)], taxa.name[1 + i % array_length(taxa.cd, 1)],
         to_char(DATE '1995-01-01' + (i::bigint * 7919 % 10950)::int, 'DD/MM/YYYY'),
         (ARRAY['DUPONT Marie (GON)', 'LEROY Jean (CEN HdF)', 'MARTIN Claire (PNR CMO)'])[1 + i % 3],
         1 + i % 12, (ARRAY['présent', 'Présent', 'absent'])[1 + (i % 50 = 0)::int * 2],
         (ARRAY['mâle', 'femelle', '', 'indéterminé'])[1 + i % 4], (ARRAY['adulte', 'juvénile', ''])[1 + i % 3],
         replace(round((ST_X(centre.p) + (random() - 0.5) * 0.12)::numeric, 6)::text, '.', ','),
         replace(round((ST_Y(centre.p) + (random() - 0.5) * 0.08)::numeric, 6)::text, '.', ',')
  FROM generate_series(1, $n) i, centre, taxa
) TO STDOUT WITH (FORMAT csv, DELIMITER ';', HEADER false)" \
  | { echo 'Identifiant;Code taxon;Nom latin;Date;Observateur;Nombre;Statut;Sexe;Stade;X;Y'; cat; } > "$file"
n=$(($(wc -l < "$file") - 1))
echo "file: $n rows, $(du -h "$file" | cut -f1)"

# rate SECONDS [ROWS]: rows/s of the file's rows (or of ROWS) over a wall time
rate() { echo "${2:-$n} / $1" | bc; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# import RUN JAR FILE DATASET: one timed import, its steps and summary without the progress bar's redraws
import() {
  local rows=$(($(wc -l < "$3") - 1))
  echo "== import ($1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  local status=0
  /usr/bin/time -f 'wall %e s, peak RSS %M KiB' java -jar "$2" import "$3" --dataset "$4" \
    --mapping association --data-dir data-dir 2> "$BENCH_WORK/$1.err" || status=$?
  tr '\r' '\n' < "$BENCH_WORK/$1.err" | grep -v '^\(import\|writing\) \[\|INFO' >&2
  [ "$status" -eq 0 ] || exit "$status"
  echo "$(rate "$(sed -n 's/^wall \([0-9.]*\) s.*/\1/p' "$BENCH_WORK/$1.err")" "$rows") rows/s end to end" >&2
  statements "$1"
}
# statements RUN: the statements of the last run that took over 1 s, from the cluster's log (the slowest first; the
# log itself kept as $OBS_HOME/statements-RUN.log, with the plans PG_OPTIONS may have asked for). The
# first 15 are kept by awk, which reads to the end: `head` would close the pipe early, and `sort`, writing more than a
# buffer's worth (some 30 statements), would then die of SIGPIPE, which pipefail turns into the script's exit (141)
log=$(realpath "$OBS_HOME/postgres")/statements.log
statements() {
  [ -s "$log" ] || return 0
  echo "-- $1: statements over 1 s" >&2
  grep -a 'duration: [0-9]\{4,\}' "$log" | grep -av 'ms  plan:' | sed 's/.*duration: \([0-9.]*\) ms *\(statement\|execute [^:]*\): */\1 ms /' \
    | cut -c1-150 | sort -rn | awk 'NR <= 15' >&2
  cp "$log" "$OBS_HOME/statements-$1.log"
  : > "$log"
}
# the statements' times go to a log of their own (the cluster is restarted with it, and without it on exit)
bindir=$(bin/pg-bindir)
bench_as_pg "$bindir/pg_ctl" -D "$OBS_HOME/postgres/data" -m fast -w stop >/dev/null
: > "$log"; chown postgres "$log"
bench_as_pg "$bindir/pg_ctl" -D "$OBS_HOME/postgres/data" -l "$log" -o "-p $PGPORT -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories=$(realpath "$OBS_HOME/postgres") -c log_min_duration_statement=1000 ${PG_OPTIONS:-}" -w start >/dev/null
bench_cleanup_add "bench_as_pg '$bindir/pg_ctl' -D '$OBS_HOME/postgres/data' -m fast -w stop >/dev/null"
echo "== raw COPY into an unindexed table (the bound)"
psql -qc "DROP TABLE IF EXISTS public.bench_raw_copy; CREATE UNLOGGED TABLE public.bench_raw_copy (identifiant text,
  code_taxon text, nom_latin text, date text, observateur text, nombre text, statut text, sexe text, stade text, x text,
  y text)"
start=$(date +%s.%N)
psql -qc "\\copy public.bench_raw_copy FROM '$file' WITH (FORMAT csv, DELIMITER ';', HEADER true)"
wall=$(echo "$(date +%s.%N) - $start" | bc)
echo "wall $wall s, $(rate "$wall") rows/s"
psql -qc "DROP TABLE public.bench_raw_copy"

import first "$jar" "$file" "$dataset"
import again "$jar" "$file" "$dataset"
if [ -n "${BASELINE_JAR:-}" ]; then
  # today's loader, last (ours is told first should the run be cut short), on the same small demo loaded afresh (its
  # schema is older: it runs on ours, which only adds; the trigger derives every row)
  cp "$BASELINE_JAR" "$BENCH_WORK/baseline.jar"
  java -jar "$jar" load-demo --occurrences 1000 --replace >/dev/null 2>&1
  dataset=$(psql -Atc "SELECT uuid FROM ref.dataset ORDER BY title LIMIT 1")
  baseline_file=$file
  if [ -n "${BASELINE_ROWS:-}" ]; then
    baseline_file=$BENCH_WORK/baseline-$BASELINE_ROWS.csv
    head -n $((BASELINE_ROWS + 1)) "$file" > "$baseline_file"
  fi
  import baseline "$BENCH_WORK/baseline.jar" "$baseline_file" "$dataset"
fi
# today's loader: the demo generator, as many occurrences as the file's rows (or DEMO_ROWS)
demo_rows=${DEMO_ROWS:-$n}
if [ "$demo_rows" -gt 0 ]; then
  echo "== demo generator, $demo_rows occurrences (load-demo --replace), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f 'wall %e s, peak RSS %M KiB' java -jar "$jar" load-demo --occurrences "$demo_rows" --replace \
    > "$BENCH_WORK/demo.out" 2> "$BENCH_WORK/demo.err"
  grep -a '^loaded' "$BENCH_WORK/demo.out"
  tail -1 "$BENCH_WORK/demo.err"
  echo "$(rate "$(sed -n 's/^wall \([0-9.]*\) s.*/\1/p' "$BENCH_WORK/demo.err")" "$demo_rows") rows/s end to end"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
psql -Atc "SELECT 'sinp.occurrence: ' || count(*) || ' rows' FROM sinp.occurrence"
