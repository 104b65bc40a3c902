package cn.loopgate.permit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The signed list an offline gate app downloads: ids of permits revoked or replaced (still inside
 * their validity window; expired ones fail by themselves) and of active permits of suspended firms.
 * Signed as text with the active permit key; docs/permits.md gives the format. Public: it names no
 * person and no firm, only permit ids.
 */
@ApplicationScoped
@Transactional
public class RevocationList {

    public static final String FORMAT = "LGRL1";

    @PersistenceContext
    EntityManager em;
    @Inject
    SigningKeys keys;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "loopgate.permit.revocation-max-age", defaultValue = "300")
    long maxAgeSeconds;

    /** The list as served: its fields, and the exact signed text with its signature. */
    public record Signed(String format, Instant issuedAt, long maxAgeSeconds, String keyId, List<Long> revoked,
                         List<Long> suspended, String signed, String signature) {
    }

    /** How long a list stays valid after it was issued (signed into it, and its HTTP max-age). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long maxAgeSeconds() {
        return maxAgeSeconds;
    }

    public Signed current() {
        Instant now = clock.instant();
        List<Long> revoked = em.createQuery("select p.id from Permit p where p.status <> :active and p.validTo > :now order by p.id", Long.class)
                .setParameter("active", Permit.Status.ACTIVE).setParameter("now", now).getResultList();
        List<Long> suspended = em.createQuery("select p.id from Permit p, Firm f where f.id = p.firmId and f.suspendedSince is not null"
                        + " and p.status = :active and p.validTo > :now order by p.id", Long.class)
                .setParameter("active", Permit.Status.ACTIVE).setParameter("now", now).getResultList();
        SigningKeys.Signer signer = keys.active();
        String kid = PermitCodec.keyIdText(signer.keyId());
        long issued = now.getEpochSecond();
        String text = text(issued, maxAgeSeconds, kid, revoked, suspended);
        String sig = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(PermitCodec.sign(text.getBytes(StandardCharsets.US_ASCII), signer.key()));
        return new Signed(FORMAT, Instant.ofEpochSecond(issued), maxAgeSeconds, kid, revoked, suspended, text, sig);
    }

    /** The signed text: five lines after the format line, "\n"-separated, ASCII, no trailing newline. */
    public static String text(long issuedEpochSeconds, long maxAge, String keyId, List<Long> revoked, List<Long> suspended) {
        return FORMAT + "\nissued=" + issuedEpochSeconds + "\nmaxAge=" + maxAge + "\nkey=" + keyId
                + "\nrevoked=" + join(revoked) + "\nsuspended=" + join(suspended);
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
