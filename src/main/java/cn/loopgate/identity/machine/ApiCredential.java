package cn.loopgate.identity.machine;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A named API credential of a machine client: its scope (a firm, or parks), who issued it, until when it holds,
 * when it was last used, whether it was revoked. The secret itself is never stored, only its SHA-256.
 */
@Entity
@Table(name = "api_credential")
@NamedQuery(name = "ApiCredential.byHash", query = "select c from ApiCredential c where c.tokenHash = :hash")
public class ApiCredential extends BaseEntity {

    @Column(nullable = false, length = 100)
    private String name;
    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;
    @Column(name = "token_prefix", nullable = false, length = 16)
    private String tokenPrefix;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private ApiScope scope;
    @Column(name = "firm_id")
    private Long firmId;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "api_credential_park", joinColumns = @JoinColumn(name = "credential_id"))
    @Column(name = "park_id")
    private Set<Long> parkIds = new HashSet<>();
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;
    @Column(name = "last_used_at")
    private Instant lastUsedAt;
    @Column(name = "first_used_at")
    private Instant firstUsedAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "revoked_by", length = 64)
    private String revokedBy;
    @Version
    private long version;

    protected ApiCredential() {
    }

    /** A new credential for the secret {@code token} (only its hash and first characters are kept). */
    public ApiCredential(String name, String token, ApiScope scope, Long firmId, Set<Long> parkIds, Instant now,
                         String createdBy, Instant expiresAt) {
        this.name = name;
        this.tokenHash = ApiTokens.hash(token);
        this.tokenPrefix = ApiTokens.shown(token);
        this.scope = scope;
        this.firmId = scope == ApiScope.FIRM ? firmId : null;
        this.parkIds = scope == ApiScope.FIRM ? new HashSet<>() : new HashSet<>(parkIds);
        this.createdAt = now;
        this.createdBy = createdBy;
        this.expiresAt = expiresAt;
    }

    /** Ends the credential at once; a second revocation is a conflict (the first one stands). */
    public void revoke(Instant now, String by) {
        if (revokedAt != null) {
            throw DomainException.conflict("apiCredential.alreadyRevoked");
        }
        revokedAt = now;
        revokedBy = by;
    }

    public Status status(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return now.isBefore(expiresAt) ? Status.ACTIVE : Status.EXPIRED;
    }

    public enum Status { ACTIVE, EXPIRED, REVOKED }

    public String getName() { return name; }
    public String getTokenPrefix() { return tokenPrefix; }
    public ApiScope getScope() { return scope; }
    public Long getFirmId() { return firmId; }
    public Set<Long> getParkIds() { return Set.copyOf(parkIds); }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getLastUsedAt() { return lastUsedAt; }
    public Instant getFirstUsedAt() { return firstUsedAt; }
    public Instant getRevokedAt() { return revokedAt; }
    public String getRevokedBy() { return revokedBy; }
    public long getVersion() { return version; }
}
