package cn.loopgate.verification;

import cn.loopgate.identity.Role;
import cn.loopgate.notification.NotificationService;
import cn.loopgate.park.Park;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes the gate's counted alerts ({@link GateAlerts}) in one transaction. */
@ApplicationScoped
@Transactional
public class GateAlertWriter {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    @PersistenceContext
    EntityManager em;
    @Inject
    NotificationService notifications;
    @Inject
    Clock clock;

    public void write(List<AlertTally.Count> counts) {
        Instant now = clock.instant();
        long window = now.getEpochSecond() / GateAlerts.WINDOW.toSeconds() * GateAlerts.WINDOW.toSeconds();
        for (AlertTally.Count c : counts) {
            AlertTally.Group g = c.group();
            Park park = g.parkId() == null ? null : em.find(Park.class, g.parkId());
            List<Long> recipients = new java.util.ArrayList<>(park != null ? notifications.liaisonsOfPark(park.getId())
                    : notifications.usersWithRole(Role.ADMIN));
            if (g.firmId() != null) {
                recipients.addAll(notifications.managersOfFirm(g.firmId()));
            }
            String since = AT.format(Instant.ofEpochSecond(window).atZone(park == null ? DEFAULT_ZONE : park.zone()));
            String key = "GATE_" + g.kind() + ":" + (park == null ? "admin" : park.getId()) + ":"
                    + (g.gateId() == null ? AlertTally.OVERFLOW_GATE : g.gateId()) + ":" + window
                    + (g.firmId() == null ? "" : ":" + g.firmId());
            String link = park == null ? null : "/scans.xhtml?result=" + g.kind() + (g.gateId() == null ? "" : "&gateId=" + g.gateId());
            if (g.kind() == Verdict.FEVER) {
                // The firm name slot carries the reading (°C) of the latest fever.
                notifications.notifyGrouped(recipients, "GATE_ALERT", key, "gate.alert.group.FEVER", link, c.events(),
                        g.gate(), since, c.permitNumber(), c.firmName());
            } else if (g.kind() == Verdict.REVOKED) {
                notifications.notifyGrouped(recipients, "GATE_ALERT", key, "gate.alert.group.REVOKED", link, c.events(),
                        g.gate(), since, c.permitNumber(), c.firmName());
            } else {
                notifications.notifyGrouped(recipients, "GATE_ALERT", key, "gate.alert.group.FORGED", link, c.events(),
                        g.gate(), since);
            }
        }
    }
}
