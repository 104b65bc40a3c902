package cn.loopgate.identity;

import java.util.Set;

/**
 * The authenticated person behind a request, with the tenant they are bound to: a firm manager's
 * firm, a park-wide liaison officer's parks, a firm-bound liaison officer's firms ({@code firmIds}: only for a
 * liaison officer without parks, see {@link AccessPolicy#firmScope}). Immutable; built once per request by
 * {@link CurrentCaller}.
 */
public record Caller(String username, String displayName, Role role, Long firmId, Set<Long> parkIds, Long userId,
                     Set<Long> firmIds) {

    public Caller {
        parkIds = parkIds == null ? Set.of() : Set.copyOf(parkIds);
        firmIds = firmIds == null ? Set.of() : Set.copyOf(firmIds);
    }

    /** A caller without assigned firms (everyone but a firm-bound liaison officer). */
    public Caller(String username, String displayName, Role role, Long firmId, Set<Long> parkIds, Long userId) {
        this(username, displayName, role, firmId, parkIds, userId, null);
    }

    /** A liaison officer bound to firms rather than to parks (一企一专员): they see exactly {@link #firmIds}. */
    public boolean isFirmBoundLiaison() {
        return role == Role.LIAISON && parkIds.isEmpty();
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
