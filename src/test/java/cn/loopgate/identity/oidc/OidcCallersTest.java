package cn.loopgate.identity.oidc;

import cn.loopgate.identity.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OidcCallersTest {

    static OidcIdentity withRoles(String... roles) {
        return new OidcIdentity("u", "u", Set.of(roles), null, List.of(), null, "u", null, null, null);
    }

    @Test
    void theRoleComesFromTheRealmRolesLoopgateKnows() {
        assertEquals(Role.LIAISON, OidcCallers.roleOf(withRoles("offline_access", "liaison-officer")));
        assertEquals(Role.ADMIN, OidcCallers.roleOf(withRoles("firm-manager", "admin")));
        assertNull(OidcCallers.roleOf(withRoles("uma_authorization")), "no Loopgate role: no access at all");
    }
}
