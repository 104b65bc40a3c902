package cn.loopgate.health;

import java.math.BigDecimal;
import java.time.Instant;

/** A park's health policy as shown; {@code id} null and {@code setAt} null for the default of a park that set none. */
public record PolicyRow(Long id, long parkId, Integer testIntervalHours, HealthRules.OverdueAction overdueAction,
                        BigDecimal feverThreshold, boolean suspendFirm, Instant setAt, String setBy) {

    static PolicyRow of(HealthPolicy p) {
        return new PolicyRow(p.getId(), p.getParkId(), p.getTestIntervalHours(), p.getOverdueAction(), p.getFeverThreshold(),
                p.isSuspendFirm(), p.getSetAt(), p.getSetBy());
    }

    static PolicyRow defaultOf(long parkId) {
        HealthRules.Policy d = HealthRules.Policy.DEFAULT;
        return new PolicyRow(null, parkId, d.intervalHours(), d.overdueAction(), d.feverThreshold(), d.suspendFirm(), null, null);
    }

    public boolean isTestRequired() {
        return testIntervalHours != null;
    }
}
