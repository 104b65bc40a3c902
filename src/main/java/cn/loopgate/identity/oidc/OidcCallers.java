package cn.loopgate.identity.oidc;

import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.identity.TenantLookup;
import cn.loopgate.identity.UserAccount;
import cn.loopgate.identity.UserDirectory;
import cn.loopgate.identity.machine.ApiScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.Set;

/** Resolves a caller signed in through the identity provider (Keycloak) from their verified token. */
@ApplicationScoped
public class OidcCallers {

    @Inject
    UserDirectory directory;
    @Inject
    TenantLookup tenants;

    /**
     * The caller for a verified OpenID Connect identity: the role from the token's realm roles, the firm
     * from its credit code claim (firm managers), the parks from their codes (liaison officers). Bindings
     * come from the token, not from the local account; an unknown firm or park binds to nothing (fails
     * closed). A local account of the same name, when it exists, lends its id (notifications) and must
     * not be disabled.
     */
    public Caller resolve(OidcIdentity identity) {
        if (identity.machineScope() != null) {
            return machine(identity);
        }
        Optional<UserAccount> local = directory.find(identity.username());
        Role role = local.filter(u -> !u.isEnabled()).isPresent() ? null : roleOf(identity);
        Long firmId = null;
        Set<Long> parkIds = Set.of();
        if (role == Role.FIRM_MANAGER && identity.firmCreditCode() != null) {
            firmId = tenants.firmByCreditCode(identity.firmCreditCode()).orElse(null);
        }
        if (role == Role.LIAISON && !identity.parkCodes().isEmpty()) {
            parkIds = tenants.parksByCodes(identity.parkCodes());
        }
        Long userId = local.map(UserAccount::getId).orElse(null);
        if (role == Role.LIAISON && identity.parkCodes().isEmpty() && userId != null) {
            // No park codes in the token: a firm-bound liaison officer, whose firms Loopgate assigns (issue 18).
            return new Caller(identity.username(), identity.displayName(), role, null, parkIds, userId, directory.liaisonFirms(userId));
        }
        return new Caller(identity.username(), identity.displayName(), role, firmId, parkIds, userId);
    }

    /**
     * A service account with a machine scope: bound to the firm (FIRM) or the parks (PARK, GATE) its token's usual
     * claims name. An unknown scope, an unknown firm or no known park binds to nothing (fails closed).
     */
    private Caller machine(OidcIdentity identity) {
        ApiScope scope = scopeOf(identity);
        Long firmId = scope == ApiScope.FIRM && identity.firmCreditCode() != null
                ? tenants.firmByCreditCode(identity.firmCreditCode()).orElse(null) : null;
        Set<Long> parkIds = scope != null && scope != ApiScope.FIRM && !identity.parkCodes().isEmpty()
                ? tenants.parksByCodes(identity.parkCodes()) : Set.of();
        if (scope == null || (scope == ApiScope.FIRM ? firmId == null : parkIds.isEmpty())) {
            return new Caller(identity.username(), identity.displayName(), null, null, Set.of(), null);
        }
        return Caller.machine(identity.username(), identity.displayName(), scope, firmId, parkIds);
    }

    /** The machine scope a token names, or null when it names none Loopgate knows. */
    public static ApiScope scopeOf(OidcIdentity identity) {
        String s = identity.machineScope();
        for (ApiScope scope : ApiScope.values()) {
            if (scope.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return scope;
            }
        }
        return null;
    }

    /** One role per person; should a token carry several, the one declared last in {@link Role} wins (admin first). */
    static Role roleOf(OidcIdentity identity) {
        Role chosen = null;
        for (Role r : Role.values()) {
            if (identity.roles().contains(r.group())) {
                chosen = r;
            }
        }
        return chosen;
    }

}
