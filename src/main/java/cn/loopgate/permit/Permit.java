package cn.loopgate.permit;

import cn.loopgate.shared.persistence.PublishedListChanges;
import jakarta.persistence.EntityListeners;
import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * One issued permit. Stored status is ACTIVE, REVOKED or REPLACED (a reissue); expiry and
 * suspension are computed at the moment of checking ({@link PermitService#stateAt}). The holder is
 * kept as a name and a digest of their resident ID or plate, enough to match a person at the gate.
 */
@Entity
@EntityListeners(PublishedListChanges.class)
@Table(name = "permit")
public class Permit extends BaseEntity {

    public enum Status { ACTIVE, REVOKED, REPLACED }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PermitType type;
    @Column(nullable = false, unique = true, length = 40)
    private String number;
    @Column(name = "firm_id", nullable = false)
    private long firmId;
    @Column(name = "park_id", nullable = false)
    private long parkId;
    @Column(name = "subject_id")
    private Long subjectId;
    @Column(name = "holder_name", nullable = false, length = 100)
    private String holderName;
    @Column(name = "holder_digest", nullable = false, length = 64)
    private String holderDigest;
    @Column(name = "valid_from", nullable = false)
    private Instant validFrom;
    @Column(name = "valid_to", nullable = false)
    private Instant validTo;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status = Status.ACTIVE;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "revoke_reason", length = 300)
    private String revokeReason;
    @Column(name = "replaced_by")
    private Long replacedBy;
    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;
    @Column(name = "issued_by", nullable = false, length = 64)
    private String issuedBy;
    @Version
    private long version;

    protected Permit() {
    }

    Permit(PermitType type, String number, long firmId, long parkId, Long subjectId, String holderName,
           String holderDigest, Instant validFrom, Instant validTo, Instant issuedAt, String issuedBy) {
        this.type = type;
        this.number = number;
        this.firmId = firmId;
        this.parkId = parkId;
        this.subjectId = subjectId;
        this.holderName = holderName;
        this.holderDigest = holderDigest;
        this.validFrom = validFrom;
        this.validTo = validTo;
        this.issuedAt = issuedAt;
        this.issuedBy = issuedBy;
    }

    void revoke(Instant now, String reason) {
        status = Status.REVOKED;
        revokedAt = now;
        revokeReason = reason;
    }

    void replaceBy(long newPermit, Instant now) {
        status = Status.REPLACED;
        revokedAt = now;
        replacedBy = newPermit;
    }

    public PermitType getType() { return type; }
    public String getNumber() { return number; }
    public long getFirmId() { return firmId; }
    public long getParkId() { return parkId; }
    public Long getSubjectId() { return subjectId; }
    public String getHolderName() { return holderName; }
    public String getHolderDigest() { return holderDigest; }
    public Instant getValidFrom() { return validFrom; }
    public Instant getValidTo() { return validTo; }
    public Status getStatus() { return status; }
    public Instant getRevokedAt() { return revokedAt; }
    public String getRevokeReason() { return revokeReason; }
    public Long getReplacedBy() { return replacedBy; }
    public Instant getIssuedAt() { return issuedAt; }
    public String getIssuedBy() { return issuedBy; }
    public long getVersion() { return version; }
}
