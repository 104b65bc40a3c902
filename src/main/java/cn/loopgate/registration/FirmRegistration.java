package cn.loopgate.registration;

import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import cn.loopgate.park.Park;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A firm's application to be registered in a park, with the account its manager chose. PENDING until the park's
 * liaison officer (or an administrator) decides: {@link #confirm} records the firm and account made from it,
 * {@link #refuse} needs a reason. Either way the password hash is dropped: it was needed only to make the account.
 */
@Entity
@Table(name = "firm_registration")
public class FirmRegistration extends BaseEntity {

    public static final int REASON_MAX = 500;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "park_id")
    private Park park;
    @Column(name = "credit_code", nullable = false, length = 18)
    private String creditCode;
    @Column(nullable = false, length = 200)
    private String name;
    @Column(name = "above_size", nullable = false)
    private boolean aboveSize;
    @Enumerated(EnumType.STRING)
    @Column(name = "four_above", nullable = false, length = 24)
    private FourAbove fourAbove;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Industry industry;
    @Column(name = "registered_staff", nullable = false)
    private int registeredStaff;
    @Column(name = "legal_rep", nullable = false, length = 50)
    private String legalRep;
    @Column(name = "contact_name", nullable = false, length = 50)
    private String contactName;
    @Column(name = "contact_phone", nullable = false, length = 11)
    private String contactPhone;
    @Column(length = 200)
    private String email;
    @Column(length = 300)
    private String address;
    @Column(nullable = false, length = 64)
    private String username;
    @Column(name = "password_hash", length = 300)
    private String passwordHash;
    @Column(name = "licence_file_id", nullable = false)
    private long licenceFileId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private RegistrationStatus status;
    @Column(length = REASON_MAX)
    private String reason;
    @Column(name = "source_address", nullable = false, length = 64)
    private String sourceAddress;
    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "decided_by", length = 64)
    private String decidedBy;
    @Column(name = "firm_id")
    private Long firmId;
    @Column(name = "user_id")
    private Long userId;
    @Version
    private long version;

    protected FirmRegistration() {
    }

    /** A new PENDING registration from validated, normalized data. */
    public FirmRegistration(Park park, RegistrationData d, String passwordHash, long licenceFileId, String sourceAddress, Instant now) {
        this.park = park;
        this.creditCode = d.creditCode();
        this.name = d.name();
        this.aboveSize = d.aboveSize();
        this.fourAbove = d.fourAbove();
        this.industry = d.industry();
        this.registeredStaff = d.registeredStaff();
        this.legalRep = d.legalRep();
        this.contactName = d.contactName();
        this.contactPhone = d.contactPhone();
        this.email = d.email();
        this.address = d.address();
        this.username = d.username();
        this.passwordHash = passwordHash;
        this.licenceFileId = licenceFileId;
        this.sourceAddress = sourceAddress;
        this.submittedAt = now;
        this.status = RegistrationStatus.PENDING;
    }

    /** The park confirmed it: the firm and the manager's account now exist. Only a PENDING registration. */
    public void confirm(long firmId, long userId, String by, Instant now) {
        requirePending();
        this.status = RegistrationStatus.CONFIRMED;
        this.firmId = firmId;
        this.userId = userId;
        decided(by, now);
    }

    /** The park refused it, saying why (shown to the applicant). Only a PENDING registration. */
    public void refuse(String why, String by, Instant now) {
        requirePending();
        String r = why == null ? "" : why.strip();
        if (r.isEmpty()) {
            throw DomainException.invalid("reason", "validation.required");
        }
        if (r.length() > REASON_MAX) {
            throw DomainException.invalid("reason", "registration.reasonTooLong", REASON_MAX);
        }
        this.status = RegistrationStatus.REFUSED;
        this.reason = r;
        decided(by, now);
    }

    public boolean isPending() {
        return status == RegistrationStatus.PENDING;
    }

    private void requirePending() {
        if (status != RegistrationStatus.PENDING) {
            throw DomainException.conflict("registration.decided");
        }
    }

    private void decided(String by, Instant now) {
        this.decidedBy = by;
        this.decidedAt = now;
        this.passwordHash = null;
    }

    public Park getPark() { return park; }
    public String getCreditCode() { return creditCode; }
    public String getName() { return name; }
    public boolean isAboveSize() { return aboveSize; }
    public FourAbove getFourAbove() { return fourAbove; }
    public Industry getIndustry() { return industry; }
    public int getRegisteredStaff() { return registeredStaff; }
    public String getLegalRep() { return legalRep; }
    public String getContactName() { return contactName; }
    public String getContactPhone() { return contactPhone; }
    public String getEmail() { return email; }
    public String getAddress() { return address; }
    public String getUsername() { return username; }
    public String getPasswordHash() { return passwordHash; }
    public long getLicenceFileId() { return licenceFileId; }
    public RegistrationStatus getStatus() { return status; }
    public String getReason() { return reason; }
    public String getSourceAddress() { return sourceAddress; }
    public Instant getSubmittedAt() { return submittedAt; }
    public Instant getDecidedAt() { return decidedAt; }
    public String getDecidedBy() { return decidedBy; }
    public Long getFirmId() { return firmId; }
    public Long getUserId() { return userId; }
    public long getVersion() { return version; }
}
