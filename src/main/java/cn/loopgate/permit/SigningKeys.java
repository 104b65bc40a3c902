package cn.loopgate.permit;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.spec.SecretKeySpec;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The keys that sign permits. The active key comes from configuration
 * ({@code loopgate.permit.signing-key} PKCS#8, {@code -public-key} X.509, {@code -key-id}) or is
 * generated on first use and stored, its private half wrapped with {@code loopgate.permit.key-encryption-key}
 * when that is set. Creating and rotating take a PostgreSQL advisory lock, and a partial unique
 * index allows one active key, so nodes sharing the database agree on one key. Keys never change
 * once written, so they are cached per node; which key is active is read from the database each time.
 */
@ApplicationScoped
@Transactional
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    private static final long LOCK = 6_006_002L;

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    AuditService audit;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "loopgate.permit.signing-key")
    Optional<String> configuredPrivate;
    @Inject
    @ConfigProperty(name = "loopgate.permit.signing-public-key")
    Optional<String> configuredPublic;
    @Inject
    @ConfigProperty(name = "loopgate.permit.signing-key-id")
    Optional<String> configuredId;
    @Inject
    @ConfigProperty(name = "loopgate.permit.key-encryption-key")
    Optional<String> kekText;

    private final Map<String, PrivateKey> privates = new ConcurrentHashMap<>();
    private final Map<Integer, PublicKey> publics = new ConcurrentHashMap<>();

    /** The key to sign with now. */
    public record Signer(int keyId, PrivateKey key) {
    }

    /** The active key, made (or taken from configuration) when there is none yet. */
    public Signer active() {
        SigningKey k = findActive();
        if (k == null || (configured() && !k.getKeyId().equals(configuredKeyId()))) {
            k = ensureActive();
        }
        return new Signer(PermitCodec.keyIdOf(k.getKeyId()), privateOf(k));
    }

    /** Every key ever used, newest first: all stay published. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SigningKey> all() {
        return em.createQuery("select k from SigningKey k order by k.createdAt desc", SigningKey.class).getResultList();
    }

    /** The public key with that id, or null when no such key was ever used (a forged code). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PublicKey publicKey(int keyId) {
        PublicKey cached = publics.get(keyId);
        if (cached != null) {
            return cached;
        }
        SigningKey k = em.find(SigningKey.class, PermitCodec.keyIdText(keyId));
        if (k == null) {
            return null;
        }
        PublicKey p = KeyMaterial.publicKey(k.getPublicKey());
        publics.put(keyId, p);
        return p;
    }

    /** A new active key; the old one retires but stays published. Administrators only. */
    public SigningKey rotate() {
        access.requireAdmin();
        if (configured()) {
            throw DomainException.conflict("permit.keyFromConfig");
        }
        lock();
        SigningKey old = findActive();
        if (old != null) {
            old.retire(clock.instant());
            em.flush();
        }
        SigningKey fresh = create();
        audit.record(new Subject("SigningKey", Long.parseLong(fresh.getKeyId(), 16), null, null), "ROTATE",
                old == null ? null : Map.of("active", old.getKeyId()), Map.of("active", fresh.getKeyId()), null);
        return fresh;
    }

    private SigningKey ensureActive() {
        lock();
        SigningKey k = findActive();
        if (!configured()) {
            return k != null ? k : create();
        }
        String id = configuredKeyId();
        if (k != null && k.getKeyId().equals(id)) {
            return k;
        }
        if (k != null) {
            k.retire(clock.instant());
            em.flush();
        }
        SigningKey c = em.find(SigningKey.class, id);
        byte[] pub = Base64.getDecoder().decode(configuredPublic.orElseThrow().strip());
        if (c == null) {
            c = new SigningKey(id, pub, null, SigningKey.Wrapping.CONFIG, clock.instant());
            em.persist(c);
        } else {
            c.activate();
        }
        em.flush();
        LOG.info(() -> "Permit signing key " + id + " (from configuration) is now active");
        return c;
    }

    private SigningKey create() {
        KeyPair pair = KeyMaterial.generate();
        String id;
        do {
            id = PermitCodec.keyIdText(KeyMaterial.newKeyId());
        } while (em.find(SigningKey.class, id) != null);
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        SecretKeySpec kek = kek();
        SigningKey k = kek == null
                ? new SigningKey(id, pair.getPublic().getEncoded(), pkcs8, SigningKey.Wrapping.NONE, clock.instant())
                : new SigningKey(id, pair.getPublic().getEncoded(), KeyMaterial.wrap(pkcs8, kek, id), SigningKey.Wrapping.AES_GCM, clock.instant());
        em.persist(k);
        em.flush();
        privates.put(id, pair.getPrivate());
        String shown = id;
        if (kek == null) {
            LOG.warning(() -> "Generated permit signing key " + shown + "; its private key is stored UNENCRYPTED in the database"
                    + " (set LOOPGATE_PERMIT_KEY_ENCRYPTION_KEY to wrap it)");
        } else {
            LOG.info(() -> "Generated permit signing key " + shown + " (private key wrapped with the key-encryption key)");
        }
        return k;
    }

    private PrivateKey privateOf(SigningKey k) {
        return privates.computeIfAbsent(k.getKeyId(), id -> switch (k.getWrapping()) {
            case CONFIG -> configuredKey();
            case NONE -> KeyMaterial.privateKey(k.getPrivateKey());
            case AES_GCM -> {
                SecretKeySpec kek = kek();
                if (kek == null) {
                    throw new IllegalStateException("signing key " + id + " is encrypted: set LOOPGATE_PERMIT_KEY_ENCRYPTION_KEY");
                }
                yield KeyMaterial.privateKey(KeyMaterial.unwrap(k.getPrivateKey(), kek, id));
            }
        });
    }

    private PrivateKey configuredKey() {
        PrivateKey priv = KeyMaterial.privateKey(Base64.getDecoder().decode(configuredPrivate.orElseThrow().strip()));
        PublicKey pub = KeyMaterial.publicKey(Base64.getDecoder().decode(configuredPublic
                .orElseThrow(() -> new IllegalStateException("LOOPGATE_PERMIT_SIGNING_PUBLIC_KEY is required with LOOPGATE_PERMIT_SIGNING_KEY"))
                .strip()));
        if (!KeyMaterial.pair(priv, pub)) {
            throw new IllegalStateException("LOOPGATE_PERMIT_SIGNING_KEY and LOOPGATE_PERMIT_SIGNING_PUBLIC_KEY do not belong together");
        }
        return priv;
    }

    private SigningKey findActive() {
        return em.createQuery("select k from SigningKey k where k.status = 'ACTIVE'", SigningKey.class)
                .getResultStream().findFirst().orElse(null);
    }

    private void lock() {
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(" + LOCK + ")) l").getSingleResult();
    }

    private boolean configured() {
        return configuredPrivate.filter(s -> !s.isBlank()).isPresent();
    }

    private String configuredKeyId() {
        String id = configuredId.orElseThrow(() -> new IllegalStateException("LOOPGATE_PERMIT_SIGNING_KEY_ID is required with LOOPGATE_PERMIT_SIGNING_KEY"));
        return PermitCodec.keyIdText(PermitCodec.keyIdOf(id.strip()));
    }

    private SecretKeySpec kek() {
        return kekText.filter(s -> !s.isBlank()).map(KeyMaterial::kek).orElse(null);
    }
}
