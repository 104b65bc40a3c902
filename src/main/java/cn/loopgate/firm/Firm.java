package cn.loopgate.firm;

import cn.loopgate.shared.persistence.PublishedListChanges;
import jakarta.persistence.EntityListeners;
import cn.loopgate.park.Park;
import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A firm in a park. Its counting attributes (park, size class, category, industry, registered staff)
 * are tracked over time by the database (table firm_history), so that a past day's figures use the
 * firm as it was. {@link #getResumedOn()} is set when a resumption plan is approved;
 * {@link #getSuspendedSince()} when the park's policy suspends its permits.
 */
@Entity
@EntityListeners(PublishedListChanges.class)
@Table(name = "firm")
@NamedQuery(name = "Firm.byCreditCode", query = "select f from Firm f where f.creditCode = :code")
public class Firm extends BaseEntity implements java.io.Serializable {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "park_id")
    private Park park;
    @Column(name = "credit_code", nullable = false, unique = true, length = 18)
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
    @Column(length = 300)
    private String address;
    @Column(name = "registered_on", nullable = false)
    private LocalDate registeredOn;
    @Column(name = "resumed_on")
    private LocalDate resumedOn;
    @Column(name = "suspended_since")
    private Instant suspendedSince;
    @Column(name = "suspended_reason", length = 300)
    private String suspendedReason;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Firm() {
    }

    public Firm(Park park, String creditCode, LocalDate registeredOn, Instant now) {
        this.park = park;
        this.creditCode = creditCode;
        this.registeredOn = registeredOn;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Replaces the editable facts of the firm (not its credit code, which identifies it). */
    public void describe(FirmData d, Park park, Instant now) {
        this.park = park;
        this.name = d.name();
        this.aboveSize = d.aboveSize();
        this.fourAbove = d.fourAbove();
        this.industry = d.industry();
        this.registeredStaff = d.registeredStaff();
        this.legalRep = d.legalRep();
        this.contactName = d.contactName();
        this.contactPhone = d.contactPhone();
        this.address = d.address();
        this.updatedAt = now;
    }

    /** Approval of a resumption plan sets the day production may resume. */
    public void resumeOn(LocalDate day, Instant now) {
        this.resumedOn = day;
        this.updatedAt = now;
    }

    public void suspend(String reason, Instant now) {
        this.suspendedSince = now;
        this.suspendedReason = reason;
        this.updatedAt = now;
    }

    public void lift(Instant now) {
        this.suspendedSince = null;
        this.suspendedReason = null;
        this.updatedAt = now;
    }

    public boolean isSuspended() {
        return suspendedSince != null;
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
    public String getAddress() { return address; }
    public LocalDate getRegisteredOn() { return registeredOn; }
    public LocalDate getResumedOn() { return resumedOn; }
    public Instant getSuspendedSince() { return suspendedSince; }
    public String getSuspendedReason() { return suspendedReason; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public long getVersion() { return version; }
}
