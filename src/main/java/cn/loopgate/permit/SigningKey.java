package cn.loopgate.permit;

import cn.loopgate.shared.persistence.PublishedListChanges;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An Ed25519 key that signs permit QR codes, named by an 8-hex-digit id that every QR code carries.
 * Exactly one is ACTIVE; RETIRED keys no longer sign but stay published, so what they signed stays
 * verifiable. The private key is stored wrapped (AES-GCM) when a key-encryption key is configured,
 * in the clear otherwise, and not at all when it comes from configuration.
 */
@Entity
@EntityListeners(PublishedListChanges.class)
@Table(name = "signing_key")
public class SigningKey {

    public enum Status { ACTIVE, RETIRED }

    /** How the private key is kept: NONE (PKCS#8 in the clear), AES-GCM (wrapped), CONFIG (not stored). */
    public enum Wrapping {
        NONE, AES_GCM, CONFIG;

        String column() {
            return this == AES_GCM ? "AES-GCM" : name();
        }
    }

    @Id
    @Column(name = "key_id", length = 8)
    private String keyId;
    @Column(nullable = false, length = 16)
    private String algorithm = "Ed25519";
    @Column(name = "public_key", nullable = false)
    private byte[] publicKey;
    @Column(name = "private_key")
    private byte[] privateKey;
    @Column(nullable = false, length = 16)
    private String wrapping;
    @Column(nullable = false, length = 16)
    private String status;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "retired_at")
    private Instant retiredAt;

    protected SigningKey() {
    }

    SigningKey(String keyId, byte[] publicKey, byte[] privateKey, Wrapping wrapping, Instant now) {
        this.keyId = keyId;
        this.publicKey = publicKey.clone();
        this.privateKey = privateKey == null ? null : privateKey.clone();
        this.wrapping = wrapping.column();
        this.status = Status.ACTIVE.name();
        this.createdAt = now;
    }

    void retire(Instant now) {
        status = Status.RETIRED.name();
        retiredAt = now;
    }

    void activate() {
        status = Status.ACTIVE.name();
        retiredAt = null;
    }

    public String getKeyId() { return keyId.strip(); }
    public String getAlgorithm() { return algorithm; }
    public byte[] getPublicKey() { return publicKey.clone(); }
    byte[] getPrivateKey() { return privateKey == null ? null : privateKey.clone(); }
    public Wrapping getWrapping() { return "AES-GCM".equals(wrapping) ? Wrapping.AES_GCM : Wrapping.valueOf(wrapping); }
    public Status getStatus() { return Status.valueOf(status); }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getRetiredAt() { return retiredAt; }
}
