package cn.loopgate.health;

import java.time.Instant;

/** A health hold as shown: whose cards (a worker, masked, or the whole firm when {@code workerId} is null) and since when. */
public record HoldRow(long id, long firmId, Long workerId, String workerName, Long incidentId, Instant since, String placedBy,
                      Instant liftedAt, String liftedBy, String liftReason, long version) {
}
