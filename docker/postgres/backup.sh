#!/bin/sh
# The backup service: every BACKUP_INTERVAL_SECONDS a custom-format pg_dump of Loopgate's and
# Keycloak's databases into /backups (docker/backups/ on the host), dumps older than BACKUP_KEEP_DAYS
# deleted. "once" as the first argument dumps once and exits (the check script and operators use it).
# Copy docker/backups/ off the host (docs/deployment.md): a dump on the database's disk is not a backup.
set -eu
export PGHOST="${POSTGRES_HOST:-127.0.0.1}" PGPORT="${POSTGRES_PORT:-5432}" PGUSER=postgres PGPASSWORD="$POSTGRES_PASSWORD"
dump() {
  stamp=$(date +%Y%m%dT%H%M%S)
  for db in loopgate keycloak; do
    pg_dump -d "$db" -Fc -f "/backups/$db-$stamp.dump.part"
    mv "/backups/$db-$stamp.dump.part" "/backups/$db-$stamp.dump"
  done
  find /backups -name '*.dump' -mtime +"${BACKUP_KEEP_DAYS:-30}" -delete
  echo "{\"backup\":\"$stamp\",\"files\":[\"loopgate-$stamp.dump\",\"keycloak-$stamp.dump\"]}"
}
if [ "${1:-}" = once ]; then
  dump
  exit 0
fi
until pg_isready -q; do sleep 2; done
while true; do
  dump || echo '{"backup":"failed"}'
  sleep "${BACKUP_INTERVAL_SECONDS:-86400}"
done
