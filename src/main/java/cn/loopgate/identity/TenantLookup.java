package cn.loopgate.identity;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the tenant codes an external identity carries (a Keycloak token's {@code firm_credit_code} and
 * {@code park_codes}) into Loopgate ids. A seam so that the identity kernel knows no feature package:
 * firms and parks are looked up by an implementation outside it ({@code account.FirmParkLookup}).
 */
public interface TenantLookup {

    /** The id of the firm with this unified social credit code, if there is one. */
    Optional<Long> firmByCreditCode(String creditCode);

    /** The ids of the parks with these codes; unknown codes are left out. */
    Set<Long> parksByCodes(Collection<String> codes);
}
