package cn.loopgate.verification;

import cn.loopgate.identity.Role;
import cn.loopgate.notification.NotificationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Alerts of the gate, each in its own transaction (the scan itself is logged by {@link ScanLedger}): a
 * REVOKED scan tells the liaison officers of the permit's park; a FORGED one tells the park the code
 * claims to be from, or the administrators when it names no permit.
 */
@ApplicationScoped
@Transactional
public class GateAlerts {

    @Inject
    NotificationService notifications;

    public void revoked(long parkId, String gate, String permitNumber, String firmName) {
        notifications.notify(notifications.liaisonsOfPark(parkId), "GATE_ALERT", "gate.alert.REVOKED", null,
                gate, permitNumber, firmName);
    }

    public void forged(Long claimedParkId, String gate, String guardName) {
        List<Long> recipients = claimedParkId != null ? notifications.liaisonsOfPark(claimedParkId)
                : notifications.usersWithRole(Role.ADMIN);
        notifications.notify(recipients, "GATE_ALERT", "gate.alert.FORGED", null, gate, guardName);
    }
}
