package cn.loopgate.identity;

import cn.loopgate.identity.machine.ApiScope;

import java.util.Set;

/**
 * The authenticated person behind a request, with the tenant they are bound to: a firm manager's
 * firm, a park-wide liaison officer's parks, a firm-bound liaison officer's firms ({@code firmIds}: only for a
 * liaison officer without parks, see {@link AccessPolicy#firmScope}). Immutable; built once per request by
 * {@link CurrentCaller}.
 * <p>
 * A machine client (an API credential, or a Keycloak service account) is a caller too: {@code machine} names its
 * scope, {@code role} is the scope's role equivalent ({@link ApiScope#role()}) and the firm or parks are the
 * scope's. What a machine may call at all is decided once, before any resource runs ({@link ApiScope#allows});
 * the services' checks then apply as for the equivalent person.
 */
public record Caller(String username, String displayName, Role role, Long firmId, Set<Long> parkIds, Long userId,
                     Set<Long> firmIds, ApiScope machine) {

    public Caller {
        parkIds = parkIds == null ? Set.of() : Set.copyOf(parkIds);
        firmIds = firmIds == null ? Set.of() : Set.copyOf(firmIds);
    }

    /** A person without assigned firms (everyone but a firm-bound liaison officer). */
    public Caller(String username, String displayName, Role role, Long firmId, Set<Long> parkIds, Long userId) {
        this(username, displayName, role, firmId, parkIds, userId, Set.of(), null);
    }

    /** A person; {@code firmIds} for a firm-bound liaison officer. */
    public Caller(String username, String displayName, Role role, Long firmId, Set<Long> parkIds, Long userId,
                  Set<Long> firmIds) {
        this(username, displayName, role, firmId, parkIds, userId, firmIds, null);
    }

    /** A liaison officer bound to firms rather than to parks (一企一专员): they see exactly {@link #firmIds}. */
    public boolean isFirmBoundLiaison() {
        return role == Role.LIAISON && parkIds.isEmpty() && machine == null;
    }

    /** The application itself (start-up, scheduled jobs): recorded as such in the audit trail. */
    public static final Caller SYSTEM = new Caller("system", "system", null, null, Set.of(), null);

    /** A machine client limited to {@code scope}: no user id, the scope's role equivalent. */
    public static Caller machine(String username, String displayName, ApiScope scope, Long firmId, Set<Long> parkIds) {
        return new Caller(username, displayName, scope.role(), scope == ApiScope.FIRM ? firmId : null,
                scope == ApiScope.FIRM ? Set.of() : parkIds, null, Set.of(), scope);
    }

    public boolean isMachine() {
        return machine != null;
    }

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
