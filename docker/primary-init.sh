#!/bin/sh
# Runs once, when the primary's data folder is created (docker-entrypoint-initdb.d): a role for the streaming replica
# and the pg_hba line that lets it connect for replication.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -c "CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '$OBS_REPLICATION_PASSWORD'"
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
