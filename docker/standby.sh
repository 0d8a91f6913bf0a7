#!/bin/sh
# The streaming replica: on first start, copies the primary with pg_basebackup (-R writes standby.signal and the
# connection to the primary), then runs as a hot standby that follows the primary's WAL.
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h primary -U "$POSTGRES_USER" -q; do sleep 1; done
  PGPASSWORD="$OBS_REPLICATION_PASSWORD" pg_basebackup -h primary -U replicator -D "$PGDATA" -R -X stream -c fast
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on
