package cn.loopgate.apicredential;

import cn.loopgate.audit.AuditService;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.machine.MachineUse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Audits the first use of an API credential, in the credential's name (later uses only move its last-used time).
 * Runs in the background task's transaction that records the use, so the entry and first_used_at commit together.
 */
@ApplicationScoped
public class FirstUseAudit {

    @Inject
    AuditService audit;

    void firstUse(@Observes MachineUse.FirstUse used) {
        Caller machine = Caller.machine("api:" + used.shown(), used.name(), used.scope(), used.firmId(), used.parkIds());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", used.name());
        after.put("firstUsedAt", used.at().toString());
        audit.recordAs(machine, new AuditService.Subject("ApiCredential", used.credentialId(), used.firmId(), null),
                "FIRST_USE", null, after, null);
    }
}
