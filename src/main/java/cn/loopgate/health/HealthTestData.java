package cn.loopgate.health;

import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Required;
import cn.loopgate.shared.validation.ResidentId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * A test to record: the worker (by id, as the page sends it, or by resident ID, as a firm's HR system or a
 * testing site sends it), the sample time (kept to the second), the result and the sampling site.
 */
public record HealthTestData(Long workerId, @ResidentId String residentId, @Required Instant sampledAt,
                             @Required TestResult result, @Length(max = 100) String site) {

    HealthTestData normalized() {
        return new HealthTestData(workerId, residentId == null || residentId.isBlank() ? null : residentId.strip().toUpperCase(Locale.ROOT),
                sampledAt == null ? null : sampledAt.truncatedTo(ChronoUnit.SECONDS), result, site == null || site.isBlank() ? null : site.strip());
    }
}
