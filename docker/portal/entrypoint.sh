#!/bin/sh
# Starts one Loopgate node. Hazelcast (sessions, cluster) is configured from a file written here, not
# from Payara Micro's switches: only the file binds Hazelcast to one address (the switches leave it on
# 0.0.0.0) and lowers the heartbeat and merge delays so a restarted node rejoins within seconds.
set -eu
run=/tmp/loopgate
mkdir -p "$run"
bind="${LOOPGATE_BIND_ADDRESS:-127.0.0.1}"
hz_address="${LOOPGATE_HZ_ADDRESS:-$bind}"
members=""
for m in $(echo "${LOOPGATE_HZ_MEMBERS:-$hz_address:${LOOPGATE_HZ_PORT:-6900}}" | tr ',' ' '); do
  members="$members<member>$m</member>"
done
cat > "$run/hazelcast.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<hazelcast xmlns="http://www.hazelcast.com/schema/config">
  <cluster-name>${LOOPGATE_CLUSTER_NAME:-loopgate}</cluster-name>
  <properties>
    <property name="hazelcast.socket.bind.any">false</property>
    <property name="hazelcast.max.no.heartbeat.seconds">15</property>
    <property name="hazelcast.merge.first.run.delay.seconds">10</property>
    <property name="hazelcast.merge.next.run.delay.seconds">10</property>
    <property name="hazelcast.phone.home.enabled">false</property>
  </properties>
  <network>
    <public-address>$hz_address:${LOOPGATE_HZ_PORT:-6900}</public-address>
    <port auto-increment="false">${LOOPGATE_HZ_PORT:-6900}</port>
    <interfaces enabled="true"><interface>$hz_address</interface></interfaces>
    <join>
      <multicast enabled="false"/>
      <auto-detection enabled="false"/>
      <tcp-ip enabled="true" connection-timeout-seconds="3">$members</tcp-ip>
    </join>
  </network>
</hazelcast>
XML
# The HTTP listener on one address only; the X-Forwarded-* headers are read by the WAR, and only
# from the proxies in LOOPGATE_PROXY_TRUSTED_ADDRESSES (docs/deployment.md).
cat > "$run/preboot.asadmin" <<ASADMIN
set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=$bind
ASADMIN
# No "Server: Payara Micro" header (docs/security.md).
cat /opt/loopgate/preboot.asadmin >> "$run/preboot.asadmin"
exec java @/opt/loopgate/jvm.options $JAVA_OPTS -jar /opt/loopgate/payara-micro.jar \
  --deploy /opt/loopgate/loopgate.war --contextroot / \
  --port "${LOOPGATE_NODE_PORT:-8080}" --maxhttpthreads "${LOOPGATE_HTTP_THREADS:-32}" \
  --rootdir "$run/payara" --prebootcommandfile "$run/preboot.asadmin" \
  --hzconfigfile "$run/hazelcast.xml" --logproperties /opt/loopgate/logging.properties \
  --name "${LOOPGATE_NODE_NAME:-loopgate}" --disablephonehome "$@"
