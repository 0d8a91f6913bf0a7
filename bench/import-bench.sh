#!/usr/bin/env bash
# Measures the bulk import (issue 13, first slice) on a generated file in the association layout
# (data-dir/imports/mappings/association.yaml): ROWS occurrences of the demo's taxa at random points around the
# middle of the demo's territory, labels instead of codes, X/Y in WGS 84. Into a private cluster (.local/bench-import)
# holding a small demo, it runs the import, then the same file again (every row unchanged), and prints the wall
# time and peak RSS of each run and the import's own summary.
#   usage: bench/import-bench.sh [ROWS]
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
file="$BENCH_WORK/association-$n.csv"
# the file, generated in SQL: one row per occurrence, French column names, ';' separator, decimal commas
psql -Atc "COPY (
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
echo "file: $n rows, $(du -h "$file" | cut -f1)"
for run in first again; do
  echo "== import ($run)"
  /usr/bin/time -f 'wall %e s, peak RSS %M KiB' java -jar "$jar" import "$file" --dataset "$dataset" \
    --mapping association --data-dir data-dir 2> "$BENCH_WORK/$run.err" || status=$?
  # the steps, the times and the peak memory, without the progress bar's redraws
  tr '\r' '\n' < "$BENCH_WORK/$run.err" | grep -v '^\(import\|writing\) \[\|INFO' >&2
  [ "${status:-0}" -eq 0 ] || exit "$status"
done
psql -Atc "SELECT 'sinp.occurrence: ' || count(*) || ' rows' FROM sinp.occurrence"
