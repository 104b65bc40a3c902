package cn.loopgate.account;

import cn.loopgate.firm.Firm;
import cn.loopgate.identity.TenantLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Firms by credit code and parks by code, for the identity kernel's OpenID Connect bindings. */
@ApplicationScoped
public class FirmParkLookup implements TenantLookup {

    @PersistenceContext
    EntityManager em;

    @Override
    public Optional<Long> firmByCreditCode(String creditCode) {
        return em.createNamedQuery("Firm.byCreditCode", Firm.class).setParameter("code", creditCode)
                .getResultStream().findFirst().map(Firm::getId);
    }

    @Override
    public Set<Long> parksByCodes(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("select p.id from Park p where p.code in :codes", Long.class)
                .setParameter("codes", codes).getResultList());
    }
}
