package cn.loopgate.identity;

import java.util.Set;

/**
 * The authenticated person behind a request, with the tenant they are bound to: a firm manager's
 * firm, a liaison officer's parks. Immutable; built once per request by {@link CurrentCaller}.
 */
public record Caller(String username, String displayName, Role role, Long firmId, Set<Long> parkIds, Long userId) {

    public Caller {
        parkIds = parkIds == null ? Set.of() : Set.copyOf(parkIds);
    }

    /** The application itself (start-up, scheduled jobs): recorded as such in the audit trail. */
    public static final Caller SYSTEM = new Caller("system", "system", null, null, Set.of(), null);

    public boolean is(Role r) {
        return role == r;
    }

    public boolean isAnyOf(Role... roles) {
        for (Role r : roles) {
            if (role == r) {
                return true;
            }
        }
        return false;
    }
}
