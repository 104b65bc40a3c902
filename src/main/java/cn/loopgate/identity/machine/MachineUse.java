package cn.loopgate.identity.machine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Writes when an API credential was used ({@link MachineSignIn} calls it off the request). The first use is
 * announced as {@link FirstUse} in the same transaction, so the credentials feature can audit it once.
 */
@ApplicationScoped
public class MachineUse {

    /** An API credential was used for the first time. */
    public record FirstUse(long credentialId, String name, String shown, ApiScope scope, Long firmId, java.util.Set<Long> parkIds,
                           Instant at) {
    }

    @PersistenceContext
    EntityManager em;
    @Inject
    Event<FirstUse> firstUse;

    @Transactional
    public void record(long id, Instant now) {
        em.createQuery("update ApiCredential c set c.lastUsedAt = :now where c.id = :id"
                        + " and (c.lastUsedAt is null or c.lastUsedAt < :now)")
                .setParameter("now", now).setParameter("id", id).executeUpdate();
        int first = em.createQuery("update ApiCredential c set c.firstUsedAt = :now where c.id = :id and c.firstUsedAt is null")
                .setParameter("now", now).setParameter("id", id).executeUpdate();
        if (first == 1) {
            ApiCredential c = em.find(ApiCredential.class, id);
            firstUse.fire(new FirstUse(id, c.getName(), c.getTokenPrefix(), c.getScope(), c.getFirmId(), c.getParkIds(), now));
        }
    }
}
