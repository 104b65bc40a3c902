#!/bin/sh
# First start: initdb, then docker/postgres/init.sql creates the roles and databases (least privilege:
# docs/deployment.md). Every start: PostgreSQL on POSTGRES_LISTEN (loopback by default) only.
set -eu
bin=/usr/lib/postgresql/15/bin
: "${POSTGRES_PASSWORD:?}" "${LOOPGATE_DB_OWNER_PASSWORD:?}" "${LOOPGATE_DB_PASSWORD:?}" "${KEYCLOAK_DB_PASSWORD:?}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pw=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" > "$pw"
  "$bin/initdb" -D "$PGDATA" -U postgres --pwfile="$pw" -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  rm -f "$pw"
  "$bin/pg_ctl" -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=/tmp" -w start >/dev/null
  psql -h /tmp -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -v owner_password="$LOOPGATE_DB_OWNER_PASSWORD" -v app_password="$LOOPGATE_DB_PASSWORD" \
    -v keycloak_password="$KEYCLOAK_DB_PASSWORD" -f /opt/postgres/init.sql
  "$bin/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  echo "database initialised"
fi
exec "$bin/postgres" -D "$PGDATA" -c listen_addresses="${POSTGRES_LISTEN:-127.0.0.1}" -c port="${POSTGRES_PORT:-5432}" \
  -c unix_socket_directories=/tmp -c log_line_prefix='%m [%p] %q%u@%d ' -c log_connections=off
