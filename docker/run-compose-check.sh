#!/bin/bash
# The production set-up, run for real: builds the images without a registry (Debian base by debootstrap,
# JDK/PostgreSQL/nginx from Debian, Payara Micro and Keycloak from Maven Central), starts
# docker/docker-compose.yml with TLS and random secrets, and checks it: sign-in through Keycloak via nginx,
# a session surviving its node's kill -9, the node's rejoin, TLS and HSTS, a backup and a timed restore
# drill, and that nothing listens beyond loopback. Too slow for every `mvn verify` (docs/deployment.md).
#   docker/run-compose-check.sh          # run as root; tears the set-up down at the end
#   docker/run-compose-check.sh --keep   # leave it running (docker-compose -p loopgate-check ... down -v)
set -euo pipefail
cd "$(dirname "$0")/.."
KEEP=${1:-}
T0=$(date +%s)
CACHE=${LOOPGATE_CACHE:-/var/cache/loopgate}
ENV_FILE=docker/.env.check
PROJECT=loopgate-check
PUBLIC=https://localhost:18443
step() { echo "== +$(( $(date +%s) - T0 ))s $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
compose() { docker-compose -p "$PROJECT" -f docker/docker-compose.yml --env-file "$ENV_FILE" "$@"; }

step "packages"
missing=""
for pair in dockerd:docker.io docker-compose:docker-compose debootstrap:debootstrap openssl:openssl curl:curl mvn:maven ss:iproute2 python3:python3; do
  command -v "${pair%%:*}" >/dev/null || missing="$missing ${pair#*:}"
done
if [ -n "$missing" ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing; fi

STARTED_DOCKERD=""
if ! docker info >/dev/null 2>&1; then
  step "starting dockerd (no bridge, no iptables: every container uses the host's loopback)"
  mkdir -p "$CACHE"
  dockerd --bridge=none --iptables=false --ip6tables=false >"$CACHE/dockerd.log" 2>&1 &
  STARTED_DOCKERD=$!
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || fail "dockerd did not start, see $CACHE/dockerd.log"
fi
cleanup() {
  if [ "$KEEP" != "--keep" ]; then
    compose down -v --remove-orphans >/dev/null 2>&1 || true
    [ -n "$STARTED_DOCKERD" ] && kill "$STARTED_DOCKERD" 2>/dev/null || true
  fi
}
trap cleanup EXIT

if ! docker image inspect loopgate-base:bookworm >/dev/null 2>&1; then
  if [ ! -f "$CACHE/bookworm-rootfs.tar" ]; then
    step "debootstrap Debian bookworm (JDK 17, PostgreSQL 15, nginx) into $CACHE"
    rm -rf "$CACHE/rootfs" && mkdir -p "$CACHE"
    debootstrap --variant=minbase \
      --include=openjdk-17-jre-headless,postgresql-15,postgresql-client-15,nginx-light,curl,ca-certificates,unzip,openssl,procps,iproute2,tzdata \
      bookworm "$CACHE/rootfs" http://deb.debian.org/debian
    chroot "$CACHE/rootfs" apt-get clean
    rm -rf "$CACHE/rootfs/var/lib/apt/lists/"* "$CACHE/rootfs/etc/postgresql/15/main" "$CACHE/rootfs/var/lib/postgresql/15/main"
    tar -C "$CACHE/rootfs" -cf "$CACHE/bookworm-rootfs.tar" . && rm -rf "$CACHE/rootfs"
  fi
  step "docker import loopgate-base:bookworm"
  docker import "$CACHE/bookworm-rootfs.tar" loopgate-base:bookworm >/dev/null
fi

step "WAR, Payara Micro and Keycloak from Maven"
mvn -B -q -o -DskipTests package 2>/dev/null || mvn -B -q -DskipTests package
KC_VERSION=26.4.7
KC_ZIP=~/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip
[ -f "$KC_ZIP" ] || mvn -B -q dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip -Dtransitive=false
cmp -s "$KC_ZIP" target/keycloak.zip 2>/dev/null || cp "$KC_ZIP" target/keycloak.zip

if [ ! -f "$ENV_FILE" ]; then
  step "random secrets into $ENV_FILE"
  rnd() { openssl rand -hex 16; }
  sed -e "s#^POSTGRES_PASSWORD=.*#POSTGRES_PASSWORD=$(rnd)#" -e "s#^LOOPGATE_DB_OWNER_PASSWORD=.*#LOOPGATE_DB_OWNER_PASSWORD=$(rnd)#" \
      -e "s#^LOOPGATE_DB_PASSWORD=.*#LOOPGATE_DB_PASSWORD=$(rnd)#" -e "s#^KEYCLOAK_DB_PASSWORD=.*#KEYCLOAK_DB_PASSWORD=$(rnd)#" \
      -e "s#^KEYCLOAK_ADMIN_PASSWORD=.*#KEYCLOAK_ADMIN_PASSWORD=$(rnd)#" -e "s#^LOOPGATE_OIDC_CLIENT_SECRET=.*#LOOPGATE_OIDC_CLIENT_SECRET=$(rnd)#" \
      -e "s#^LOOPGATE_PUBLIC_URL=.*#LOOPGATE_PUBLIC_URL=$PUBLIC#" -e "s#^KEYCLOAK_PUBLIC_URL=.*#KEYCLOAK_PUBLIC_URL=$PUBLIC/auth#" \
      -e "s#^LOOPGATE_PERMIT_KEY_ENCRYPTION_KEY=.*#LOOPGATE_PERMIT_KEY_ENCRYPTION_KEY=$(openssl rand -base64 32)#" \
      -e "s#^LOOPGATE_PII_KEYS=.*#LOOPGATE_PII_KEYS=k1:$(openssl rand -base64 32)#" \
      -e "s#^LOOPGATE_PII_INDEX_KEY=.*#LOOPGATE_PII_INDEX_KEY=$(openssl rand -base64 32)#" \
      docker/.env.example > "$ENV_FILE"
fi
set -a; . "./$ENV_FILE"; set +a
if [ ! -f docker/tls/server.crt ]; then
  step "self-signed certificate for localhost into docker/tls/"
  mkdir -p docker/tls
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
    -keyout docker/tls/server.key -out docker/tls/server.crt 2>/dev/null
  chmod 644 docker/tls/server.key   # read by nginx's worker in the container; the folder is not in git
fi
mkdir -p docker/backups && chmod 777 docker/backups

step "build images"
compose build -q
step "up (PostgreSQL, Keycloak, portal-a, portal-b, nginx, backup)"
compose up -d
for _ in $(seq 120); do
  states=$(for c in postgres keycloak portal-a portal-b nginx; do docker inspect -f '{{.State.Health.Status}}' "${PROJECT}_${c}_1" 2>/dev/null || echo none; done | sort | uniq -c | tr '\n' ' ')
  [[ "$states" =~ ^\ *5\ healthy\ *$ ]] && break
  sleep 5
done
compose ps
[[ "$states" =~ ^\ *5\ healthy\ *$ ]] || fail "not all healthy: $states"
step "all five services healthy"

python3 docker/compose-checks.py "$PROJECT" "$T0" "$ENV_FILE"
step "all checks passed"
