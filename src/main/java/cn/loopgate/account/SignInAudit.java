package cn.loopgate.account;

import cn.loopgate.audit.AuditService;
import cn.loopgate.identity.SignInAlarm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Writes the identity kernel's sign-in alarms (locks, throttled addresses) to the audit trail. */
@ApplicationScoped
public class SignInAudit {

    @Inject
    AuditService audit;

    void on(@Observes SignInAlarm alarm) {
        audit.record(new AuditService.Subject(alarm.subjectType(), alarm.userId(), null, null), alarm.action(), null,
                alarm.after(), alarm.reason());
    }
}
