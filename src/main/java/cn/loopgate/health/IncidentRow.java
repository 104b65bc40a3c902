package cn.loopgate.health;

import java.time.Instant;

/** An incident in a list (the worker's name masked). */
public record IncidentRow(long id, HealthIncident.Status status, long firmId, String firmName, long parkId, String workerName,
                          Instant openedAt, boolean firmSuspended) {
}
