#!/bin/bash
# Restore drill: restores a backup (both databases) into scratch databases next to the live ones,
# compares them with the live data, times it and drops the scratch copies. Run it regularly; the
# timing tells how long a real restore takes (docs/deployment.md, "Back up and restore").
#   docker/restore-drill.sh PROJECT ENV_FILE STAMP     e.g. loopgate docker/.env 20261204T190102
set -euo pipefail
cd "$(dirname "$0")/.."
project=$1 env_file=$2 stamp=$3
set -a; . "./$env_file"; set +a
# The backup container has the dumps (/backups) and the PostgreSQL client; it reaches the server over TCP.
pg() { docker exec -i -e PGPASSWORD="$POSTGRES_PASSWORD" "${project}_backup_1" "$@" -h "${LOOPGATE_LISTEN:-127.0.0.1}" -p "$POSTGRES_PORT" -U postgres; }
count() { pg psql -d "$1" -tA -c "$2"; }
start=$(date +%s.%N)
for db in loopgate keycloak; do
  pg dropdb --if-exists "${db}_drill"
  pg createdb "${db}_drill"
  pg pg_restore -d "${db}_drill" --no-owner --exit-on-error "/backups/$db-$stamp.dump"
done
elapsed=$(python3 -c "print(round($(date +%s.%N) - $start, 1))")
# The dump is consistent at its own moment and rows written since may differ: compare what does not move.
live=$(count loopgate "select count(*) from flyway_schema_history")
drill=$(count loopgate_drill "select count(*) from flyway_schema_history")
[ "$live" = "$drill" ] || { echo "schema history differs: live $live, restored $drill"; exit 1; }
tables=$(count loopgate_drill "select count(*) from information_schema.tables where table_schema='public'")
kc_users=$(count keycloak_drill "select count(*) from user_entity")
kc_live=$(count keycloak "select count(*) from user_entity")
[ "$kc_users" = "$kc_live" ] || { echo "Keycloak users differ: live $kc_live, restored $kc_users"; exit 1; }
echo "restored loopgate ($tables tables, $drill migrations) and keycloak ($kc_users users) in ${elapsed} s"
for db in loopgate keycloak; do pg dropdb "${db}_drill"; done
