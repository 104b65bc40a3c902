package cn.loopgate.notification;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Sends and reads notifications. Features say who must act next ({@link #liaisonsOfFirm}, {@link #liaisonsOfPark},
 * {@link #managersOfFirm}, {@link #usersWithRole}) and what to tell them; this stores the message
 * and, after commit, mails it when mail is configured.
 */
@ApplicationScoped
@Transactional
public class NotificationService {

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    Clock clock;
    @Inject
    Event<MailRequest> mails;
    @Inject
    Mailer mailer;

    /**
     * A mail to send once the transaction commits (observed by {@link Mailer}). The addresses are
     * read inside the transaction: after commit the transaction's persistence context is closed.
     */
    public record MailRequest(List<String> addresses, String messageKey, Object[] args, String link) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void notify(Collection<Long> recipientIds, String kind, String messageKey, String link, Object... args) {
        String joined = Arrays.stream(args).map(String::valueOf).collect(Collectors.joining("\u001f"));
        if (joined.length() > 2000) {
            joined = joined.substring(0, 2000);
        }
        for (Long id : recipientIds) {
            em.persist(new Notification(id, kind, messageKey, joined, link, clock.instant()));
        }
        if (!recipientIds.isEmpty() && mailer.enabled()) {
            List<String> addresses = em.createQuery(
                            "select u.email from UserAccount u where u.id in :ids and u.email is not null", String.class)
                    .setParameter("ids", List.copyOf(recipientIds)).getResultList().stream()
                    .filter(e -> !e.isBlank()).toList();
            if (!addresses.isEmpty()) {
                mails.fire(new MailRequest(addresses, messageKey, args, link));
            }
        }
    }

    /**
     * Counts {@code occurrences} more events into each recipient's notification of the group (one row per
     * recipient and group key, e.g. a gate, an alert kind and an hour), created at the first event: a storm of
     * events is one row whose count grows, not a row per event. The row turns unread again and moves to the
     * top with the latest arguments; the count is the message's last argument. Mail goes out only when a
     * group's row is created, so a storm mails each recipient once per group.
     */
    public void notifyGrouped(Collection<Long> recipientIds, String kind, String groupKey, String messageKey, String link,
                              int occurrences, Object... args) {
        String joined = Arrays.stream(args).map(String::valueOf).collect(Collectors.joining("\u001f"));
        if (joined.length() > 2000) {
            joined = joined.substring(0, 2000);
        }
        java.time.Instant now = clock.instant();
        List<Long> created = new java.util.ArrayList<>();
        for (Long id : recipientIds) {
            Object inserted = em.createNativeQuery("""
                            insert into notification (recipient_id, kind, message_key, args, link, created_at, group_key, occurrences)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                            on conflict (recipient_id, group_key) where group_key is not null do update
                              set occurrences = notification.occurrences + excluded.occurrences, args = excluded.args,
                                  message_key = excluded.message_key, created_at = excluded.created_at, read_at = null
                            returning (xmax = 0)""")
                    .setParameter(1, id).setParameter(2, kind).setParameter(3, messageKey).setParameter(4, joined)
                    .setParameter(5, link).setParameter(6, java.sql.Timestamp.from(now)).setParameter(7, groupKey)
                    .setParameter(8, occurrences).getSingleResult();
            if (Boolean.TRUE.equals(inserted)) {
                created.add(id);
            }
        }
        if (!created.isEmpty() && mailer.enabled()) {
            List<String> addresses = em.createQuery(
                            "select u.email from UserAccount u where u.id in :ids and u.email is not null", String.class)
                    .setParameter("ids", created).getResultList().stream().filter(e -> !e.isBlank()).toList();
            if (!addresses.isEmpty()) {
                Object[] withCount = new Object[args.length + 1];
                System.arraycopy(args, 0, withCount, 0, args.length);
                withCount[args.length] = occurrences;
                mails.fire(new MailRequest(addresses, messageKey, withCount, link));
            }
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> liaisonsOfPark(long parkId) {
        return em.createQuery("select u.id from UserAccount u join u.parkIds p where p = :park and u.role = :role and u.enabled = true", Long.class)
                .setParameter("park", parkId).setParameter("role", Role.LIAISON).getResultList();
    }

    /**
     * Who acts first on a firm's business (一企一专员): the firm's own liaison officer when one is assigned and
     * enabled, else the liaison officers of its park (issue 18).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> liaisonsOfFirm(long firmId, long parkId) {
        // A park-wide officer assigned the firm counts only while the firm's park is still theirs (they must see it).
        List<?> own = em.createNativeQuery("select u.id from firm_liaison fl join app_user u on u.id = fl.user_id"
                        + " where fl.firm_id = ?1 and u.enabled and u.role = 'LIAISON'"
                        + " and (not exists (select 1 from user_park up where up.user_id = u.id)"
                        + "   or exists (select 1 from user_park up where up.user_id = u.id and up.park_id = ?2))")
                .setParameter(1, firmId).setParameter(2, parkId).getResultList();
        if (!own.isEmpty()) {
            return own.stream().map(id -> ((Number) id).longValue()).toList();
        }
        return liaisonsOfPark(parkId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> managersOfFirm(long firmId) {
        return em.createQuery("select u.id from UserAccount u where u.firmId = :firm and u.role = :role and u.enabled = true", Long.class)
                .setParameter("firm", firmId).setParameter("role", Role.FIRM_MANAGER).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> usersWithRole(Role role) {
        return em.createQuery("select u.id from UserAccount u where u.role = :role and u.enabled = true", Long.class)
                .setParameter("role", role).getResultList();
    }

    /** The caller's own notifications, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Notification> inbox(int limit) {
        Caller c = signedIn();
        return em.createQuery("select n from Notification n where n.recipientId = :me order by n.createdAt desc, n.id desc", Notification.class)
                .setParameter("me", c.userId()).setMaxResults(Math.min(Math.max(limit, 1), 200)).getResultList();
    }

    /** The caller's own notifications, newest first, only unread ones or of one kind when asked. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Notification> inbox(boolean unreadOnly, String kind, int limit) {
        Caller c = signedIn();
        boolean byKind = kind != null && !kind.isBlank();
        var q = em.createQuery("select n from Notification n where n.recipientId = :me"
                        + (unreadOnly ? " and n.readAt is null" : "")
                        + (byKind ? " and n.kind = :kind" : "")
                        + " order by n.createdAt desc, n.id desc", Notification.class)
                .setParameter("me", c.userId())
                .setMaxResults(Math.min(Math.max(limit, 1), 1000));
        if (byKind) {
            q.setParameter("kind", kind);
        }
        return q.getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long unread() {
        Caller c = access.caller();
        if (c.userId() == null) {
            return 0;
        }
        return em.createQuery("select count(n) from Notification n where n.recipientId = :me and n.readAt is null", Long.class)
                .setParameter("me", c.userId()).getSingleResult();
    }

    public void markRead(long id) {
        Caller c = signedIn();
        Notification n = em.find(Notification.class, id);
        if (n == null || n.getRecipientId() != c.userId()) {
            throw DomainException.notFound();
        }
        n.markRead(clock.instant());
    }

    public void markAllRead() {
        Caller c = signedIn();
        em.createQuery("update Notification n set n.readAt = :now where n.recipientId = :me and n.readAt is null")
                .setParameter("now", clock.instant()).setParameter("me", c.userId()).executeUpdate();
    }

    private Caller signedIn() {
        Caller c = access.caller();
        if (c.userId() == null || c.role() == null) {
            throw DomainException.forbidden();
        }
        return c;
    }
}
