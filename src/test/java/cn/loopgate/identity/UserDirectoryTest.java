package cn.loopgate.identity;

import cn.loopgate.identity.oidc.OidcIdentity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class UserDirectoryTest {

    static OidcIdentity withRoles(String... roles) {
        return new OidcIdentity("u", "u", Set.of(roles), null, List.of(), null);
    }

    @Test
    void theRoleComesFromTheRealmRolesLoopgateKnows() {
        assertEquals(Role.LIAISON, UserDirectory.roleOf(withRoles("offline_access", "liaison-officer")));
        assertEquals(Role.ADMIN, UserDirectory.roleOf(withRoles("firm-manager", "admin")));
        assertNull(UserDirectory.roleOf(withRoles("uma_authorization")), "no Loopgate role: no access at all");
    }
}
