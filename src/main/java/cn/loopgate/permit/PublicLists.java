package cn.loopgate.permit;

import cn.loopgate.shared.persistence.PublishedListChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The public keys and the signed revocation list as the unauthenticated endpoints serve them: JSON bytes with an
 * ETag, built once and kept in memory, because gate apps ask far more often than the lists change (docs/performance.md,
 * "Public keys and revocation list"). A copy is rebuilt when the database's version counter moved (table
 * {@code published_list_version}, moved by triggers on permits, firms and signing keys, whichever node changed
 * them), which is read at most once per second, and at once after a change committed on this node
 * ({@link PublishedListChanges}). The revocation list is also re-signed when its copy has aged
 * ({@link #listRefresh}), so that its {@code issued} time stays recent for offline verifiers.
 */
@ApplicationScoped
public class PublicLists {

    private static final Jsonb JSON = JsonbBuilder.create();
    private static final long CHECK_NANOS = Duration.ofSeconds(1).toNanos();

    @PersistenceContext
    EntityManager em;
    @Inject
    SigningKeys keys;
    @Inject
    RevocationList revocations;

    /** A list as served: its JSON bytes, their strong ETag, and what it was built from. */
    public record Snapshot(byte[] body, String etag, long version, long builtNanos) {
    }

    private volatile Snapshot keySnapshot;
    private volatile Snapshot listSnapshot;
    /** The database's counter as last read, when (nanoTime) and after how many local commits. */
    private volatile long version = Long.MIN_VALUE;
    private volatile long checkedNanos;
    private volatile long checkedLocal = -1;

    public Snapshot keys() {
        long v = version();
        Snapshot s = keySnapshot;
        if (s == null || s.version() != v) {
            synchronized (this) {
                s = keySnapshot;
                if (s == null || s.version() != v) {
                    keys.active(); // made at first use, as before
                    List<PublicPermitResource.KeyView> all = keys.all().stream().map(PublicPermitResource::view).toList();
                    s = snapshot(all, v);
                    keySnapshot = s;
                }
            }
        }
        return s;
    }

    public Snapshot revocations() {
        long v = version();
        Snapshot s = listSnapshot;
        if (stale(s, v)) {
            synchronized (this) {
                s = listSnapshot;
                if (stale(s, v)) {
                    s = snapshot(revocations.current(), v);
                    listSnapshot = s;
                }
            }
        }
        return s;
    }

    /** The revocation list's HTTP max-age (its signed validity; unchanged by the in-memory copy). */
    public long listMaxAge() {
        return revocations.maxAgeSeconds();
    }

    /** How long a signed list is served before being signed again although nothing changed: a fifth of its validity, at most a minute. */
    Duration listRefresh() {
        return Duration.ofSeconds(Math.max(1, Math.min(60, revocations.maxAgeSeconds() / 5)));
    }

    private boolean stale(Snapshot s, long v) {
        return s == null || s.version() != v || System.nanoTime() - s.builtNanos() > listRefresh().toNanos();
    }

    /** The database's version counter: read again after a second, or at once after a local change committed. */
    @Transactional(Transactional.TxType.SUPPORTS)
    long version() {
        long now = System.nanoTime();
        long local = PublishedListChanges.committed();
        if (version != Long.MIN_VALUE && local == checkedLocal && now - checkedNanos < CHECK_NANOS) {
            return version;
        }
        Number v = (Number) em.createNativeQuery("select version from published_list_version where name = 'permits'")
                .getSingleResult();
        version = v.longValue();
        checkedLocal = local;
        checkedNanos = now;
        return version;
    }

    private static Snapshot snapshot(Object value, long version) {
        byte[] body = JSON.toJson(value).getBytes(StandardCharsets.UTF_8);
        return new Snapshot(body, etag(body), version, System.nanoTime());
    }

    static String etag(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
