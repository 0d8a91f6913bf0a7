#!/usr/bin/env bash
# Measures the demo loader at a given size (default: the regional platform's 6 000 000 occurrences) into its own
# private cluster (.local/bench), and prints the wall time, the loader's peak memory and the database size.
#   usage: bench/load-demo.sh [OCCURRENCES]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-6000000}
bin/ensure-postgis
[ -f server/target/observatory-server.jar ] || mvn -q -B -DskipTests install
# run a copy of the jar, so that a rebuild during the measure cannot pull classes from under it
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp server/target/observatory-server.jar "$work/"
export OBS_HOME=.local/bench
/usr/bin/time -f 'wall %e s, peak RSS %M KiB' java -jar "$work/observatory-server.jar" load-demo --occurrences "$n" --replace \
  2> >(tr '\r' '\n' | grep -v '^occurrences \[' >&2)
# database size, through the cluster the loader left stopped
pw=$(cat "$OBS_HOME/postgres/password")
bindir=${OBS_PG_BINDIR:-/usr/lib/postgresql/15/bin}
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port=$(cat "$OBS_HOME/postgres/port")
# the cluster may still run for another user of it (a bench server): then leave it running
started=
if ! as_pg "$bindir/pg_ctl" -D "$OBS_HOME/postgres/data" status >/dev/null; then
  as_pg "$bindir/pg_ctl" -D "$OBS_HOME/postgres/data" -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$(realpath "$OBS_HOME/postgres")" -w start >/dev/null
  started=1
fi
PGPASSWORD=$pw psql -h 127.0.0.1 -p "$port" -U ows -d observatory -Atc \
  "SELECT 'database ' || pg_size_pretty(pg_database_size('observatory')) || ', sinp.occurrence ' || pg_size_pretty(pg_total_relation_size('sinp.occurrence')) || ' with indexes, ' || (SELECT count(*) FROM sinp.occurrence) || ' rows'"
[ -z "$started" ] || as_pg "$bindir/pg_ctl" -D "$OBS_HOME/postgres/data" -m fast -w stop >/dev/null
