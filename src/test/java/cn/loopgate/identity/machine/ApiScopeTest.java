package cn.loopgate.identity.machine;

import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiScopeTest {

    @Test
    void aFirmCredentialReachesItsFirmsBusinessOnly() {
        ApiScope s = ApiScope.FIRM;
        assertTrue(s.allows("GET", "/api/v1/firms/12/workers"));
        assertTrue(s.allows("POST", "/api/v1/firms/12/workers"));
        assertTrue(s.allows("PUT", "/api/v1/firms/12/workers/7"));
        assertTrue(s.allows("POST", "/api/v1/firms/12/roster-imports/3/import"));
        assertTrue(s.allows("POST", "/api/v1/firms/12/health-tests"));
        assertTrue(s.allows("POST", "/api/v1/firms/12/reports/zero"));
        assertTrue(s.allows("POST", "/api/v1/card-batches"));
        assertTrue(s.allows("HEAD", "/api/v1/firms/12/workers"), "HEAD is its GET");
        assertFalse(s.allows("DELETE", "/api/v1/firms/12/workers/7"));
        assertFalse(s.allows("POST", "/api/v1/card-batches/3/review"), "reviewing is the liaison's");
        assertFalse(s.allows("POST", "/api/v1/firms/12/plans"));
        assertFalse(s.allows("PUT", "/api/v1/firms/12"));
        assertFalse(s.allows("GET", "/api/v1/firms"));
    }

    @Test
    void noScopeReachesAccountsCredentialsAdministrationOrPages() {
        for (ApiScope s : ApiScope.values()) {
            assertFalse(s.allows("GET", "/api/v1/users"), s.name());
            assertFalse(s.allows("POST", "/api/v1/users"), s.name());
            assertFalse(s.allows("PUT", "/api/v1/me/password"), s.name());
            assertFalse(s.allows("GET", "/api/v1/api-credentials"), s.name());
            assertFalse(s.allows("POST", "/api/v1/api-credentials"), s.name());
            assertFalse(s.allows("POST", "/api/v1/api-credentials/1/revoke"), s.name());
            assertFalse(s.allows("POST", "/api/v1/accounts/1/reset"), s.name());
            assertFalse(s.allows("GET", "/api/v1/audit"), s.name());
            assertFalse(s.allows("GET", "/index.xhtml"), s.name());
            assertFalse(s.allows("GET", "/admin/users.xhtml"), s.name());
            assertFalse(s.allows("GET", "/api-credentials.xhtml"), s.name());
            assertFalse(s.allows("GET", "/"), s.name());
            assertTrue(s.allows("GET", "/api/v1/me"), s.name());
        }
    }

    @Test
    void oddPathsAreRefusedNotNormalised() {
        ApiScope s = ApiScope.FIRM;
        assertFalse(s.allows("GET", "/api/v1/firms//workers"));
        assertFalse(s.allows("GET", "/api/v1/firms/12/workers/../../../users"));
        assertFalse(s.allows("GET", "/api/v1/firms/12;x=1/workers"));
        assertFalse(s.allows("GET", "/api/v1/firms/12/%77orkers"));
        assertFalse(s.allows(null, "/api/v1/me"));
        assertTrue(s.allows("GET", "/api/v1/firms/12/workers/"), "a trailing slash is the same resource");
    }

    @Test
    void aParkCredentialOnlyReadsAndAGateOneOnlyScans() {
        assertTrue(ApiScope.PARK.allows("GET", "/api/v1/dashboard/figures"));
        assertTrue(ApiScope.PARK.allows("GET", "/api/v1/plans/queue"));
        assertFalse(ApiScope.PARK.allows("POST", "/api/v1/board/remind"));
        assertFalse(ApiScope.PARK.allows("GET", "/api/v1/gate-scans"), "the scan log names people");
        assertFalse(ApiScope.PARK.allows("GET", "/api/v1/firms/12/workers"));
        assertTrue(ApiScope.GATE.allows("POST", "/api/v1/gate/verify"));
        assertTrue(ApiScope.GATE.allows("POST", "/api/v1/gate/offline-scans"));
        assertTrue(ApiScope.GATE.allows("GET", "/api/v1/public/permits/keys"));
        assertFalse(ApiScope.GATE.allows("GET", "/api/v1/gates"));
        assertFalse(ApiScope.GATE.allows("GET", "/api/v1/firms/12/workers"));
    }

    @Test
    void aMachineCallerActsAsItsScopesRoleWithItsBindingOnly() {
        Caller firm = Caller.machine("api:lgk_x", "HR", ApiScope.FIRM, 12L, Set.of(1L));
        assertEquals(Role.FIRM_MANAGER, firm.role());
        assertEquals(12L, firm.firmId());
        assertTrue(firm.parkIds().isEmpty());
        assertNull(firm.userId());
        assertTrue(firm.isMachine());
        Caller gate = Caller.machine("api:lgk_y", "East gate", ApiScope.GATE, 12L, Set.of(1L, 2L));
        assertEquals(Role.GUARD, gate.role());
        assertNull(gate.firmId());
        assertEquals(Set.of(1L, 2L), gate.parkIds());
        assertEquals(Role.LIAISON, ApiScope.PARK.role());
        assertFalse(new Caller("u", "u", Role.ADMIN, null, Set.of(), 1L).isMachine());
    }
}
