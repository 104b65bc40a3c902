package cn.loopgate.account;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.RememberedDevices;
import cn.loopgate.identity.RememberedDevices.Device;
import cn.loopgate.identity.oidc.OidcSettings;
import cn.loopgate.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;

/**
 * The signed-in user's remembered devices ("keep me signed in on this device"): the list, and forgetting one or
 * all of them. Only the person themselves sees or revokes their devices; an administrator ends them all by
 * disabling the account or resetting its password. With Keycloak, staying signed in is Keycloak's business: 404.
 */
@ApplicationScoped
@Transactional
public class DeviceService {

    @Inject
    AccessPolicy access;
    @Inject
    AuditService audit;
    @Inject
    RememberedDevices devices;
    @Inject
    OidcSettings oidc;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Device> list(String currentCookie) {
        return devices.list(self().userId(), currentCookie);
    }

    public void revoke(long deviceId) {
        Caller c = self();
        if (!devices.revoke(c.userId(), deviceId)) {
            throw DomainException.notFound();
        }
        audit.record(subject(c), "DEVICE_REVOKE", null, Map.of("deviceId", deviceId), null);
    }

    /** How many devices were forgotten. */
    public int revokeAll() {
        Caller c = self();
        int n = devices.revokeAll(c.userId());
        audit.record(subject(c), "DEVICE_REVOKE_ALL", null, Map.of("forgottenDevices", n), null);
        return n;
    }

    private Caller self() {
        Caller c = access.caller();
        if (c.role() == null) {
            throw DomainException.forbidden();
        }
        if (oidc.enabled() || c.userId() == null) {
            throw DomainException.notFound();
        }
        return c;
    }

    private static Subject subject(Caller c) {
        return new Subject("User", c.userId(), c.firmId(), null);
    }
}
