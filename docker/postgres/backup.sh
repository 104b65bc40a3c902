#!/bin/sh
# The backup service: every BACKUP_INTERVAL_SECONDS a custom-format pg_dump of Loopgate's and
# Keycloak's databases into BACKUP_DIR (/backups, docker/backups/ on the host), dumps older than
# BACKUP_KEEP_DAYS deleted. "once" as the first argument dumps once and exits (the check script and operators use it).
# Off-host: a dump on the database's disk is not a backup. With BACKUP_OFFHOST_DIR set (a mount of another
# machine's storage: NFS, SMB, an object-store mount), each dump is copied there, verified by size, and old copies
# are pruned like the local ones. A failed copy fails the run (and the alert below fires).
# Each run writes BACKUP_DIR/metrics/backup.prom for node_exporter's textfile collector:
# loopgate_backup_last_success_timestamp_seconds, loopgate_backup_offhost_last_success_timestamp_seconds,
# loopgate_backup_bytes (docker/prometheus/loopgate-alerts.yml alerts on their age).
set -eu
export PGHOST="${POSTGRES_HOST:-127.0.0.1}" PGPORT="${POSTGRES_PORT:-5432}" PGUSER="${POSTGRES_USER:-postgres}" PGPASSWORD="${POSTGRES_PASSWORD:-}"
DIR="${BACKUP_DIR:-/backups}"
OFFHOST="${BACKUP_OFFHOST_DIR:-}"
KEEP="${BACKUP_KEEP_DAYS:-30}"

metric() { # name value: replaces the line of that metric in the textfile, atomically
  mkdir -p "$DIR/metrics"
  prom="$DIR/metrics/backup.prom"
  { [ -f "$prom" ] && grep -v "^$1 " "$prom" || true; echo "$1 $2"; } > "$prom.tmp"
  mv "$prom.tmp" "$prom"
}

dump() {
  stamp=$(date +%Y%m%dT%H%M%S)
  bytes=0
  for db in loopgate keycloak; do
    pg_dump -d "$db" -Fc -f "$DIR/$db-$stamp.dump.part"
    mv "$DIR/$db-$stamp.dump.part" "$DIR/$db-$stamp.dump"
    bytes=$((bytes + $(wc -c < "$DIR/$db-$stamp.dump")))
  done
  find "$DIR" -maxdepth 1 -name '*.dump' -mtime +"$KEEP" -delete
  metric loopgate_backup_last_success_timestamp_seconds "$(date +%s)"
  metric loopgate_backup_bytes "$bytes"
  offhost=false
  if [ -n "$OFFHOST" ]; then
    for db in loopgate keycloak; do
      f="$db-$stamp.dump"
      cp "$DIR/$f" "$OFFHOST/$f.part"
      [ "$(wc -c < "$OFFHOST/$f.part")" = "$(wc -c < "$DIR/$f")" ] || { echo "{\"backup\":\"$stamp\",\"offhost\":\"size mismatch\"}"; return 1; }
      mv "$OFFHOST/$f.part" "$OFFHOST/$f"
    done
    find "$OFFHOST" -maxdepth 1 -name '*.dump' -mtime +"$KEEP" -delete
    metric loopgate_backup_offhost_last_success_timestamp_seconds "$(date +%s)"
    offhost=true
  fi
  echo "{\"backup\":\"$stamp\",\"files\":[\"loopgate-$stamp.dump\",\"keycloak-$stamp.dump\"],\"bytes\":$bytes,\"offhost\":$offhost}"
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
