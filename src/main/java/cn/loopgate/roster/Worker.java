package cn.loopgate.roster;

import cn.loopgate.firm.Firm;
import cn.loopgate.shared.persistence.BaseEntity;
import cn.loopgate.shared.crypto.PersonalDataCipher;
import cn.loopgate.shared.crypto.PersonalDataKeys;
import cn.loopgate.shared.crypto.ResidentIdConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A worker on a firm's roster. A resident ID appears at most once per firm. A worker who leaves stays
 * on record (cards reference them) with status LEFT; after the park's retention period their personal
 * data is anonymised.
 */
@Entity
@Table(name = "worker")
public class Worker extends BaseEntity {

    public enum Status { ACTIVE, LEFT }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "firm_id")
    private Firm firm;
    @Column(nullable = false, length = 50)
    private String name;
    /** Clear here, sealed in its column (AES-256-GCM, docs/security.md "Personal data at rest"). */
    @Convert(converter = ResidentIdConverter.class)
    @Column(name = "resident_id_enc", nullable = false, length = 120)
    private String residentId;
    /** The blind index of the ID: uniqueness per firm and every look-up by ID ({@link WorkerService#findByResidentId}). */
    @Column(name = "resident_id_index", nullable = false, length = 64, updatable = false)
    private String residentIdIndex;
    /** The blind index of the ID's last four characters: the roster's search. */
    @Column(name = "resident_id_tail", length = 64, updatable = false)
    private String residentIdTail;
    @Column(nullable = false, length = 11)
    private String phone;
    @Column(length = 50)
    private String job;
    @Column(nullable = false, length = 12)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status = Status.ACTIVE;
    @Column(name = "joined_on")
    private LocalDate joinedOn;
    @Column(name = "left_on")
    private LocalDate leftOn;
    @Column(name = "anonymized_at")
    private Instant anonymizedAt;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Worker() {
    }

    public Worker(Firm firm, WorkerData d, Instant now) {
        this.firm = firm;
        this.residentId = d.residentId();
        PersonalDataCipher cipher = PersonalDataKeys.cipher();
        this.residentIdIndex = cipher.index(d.residentId());
        this.residentIdTail = cipher.tailIndex(d.residentId());
        this.createdAt = now;
        update(d, now);
    }

    /**
     * New details; a worker who had left is back on the roster (ACTIVE, no leaving day), as when the
     * roster import finds them again (docs/whitelist-and-passes.md).
     */
    public void update(WorkerData d, Instant now) {
        this.status = Status.ACTIVE;
        this.leftOn = null;
        this.name = d.name();
        this.phone = d.phone();
        this.job = d.job();
        this.joinedOn = d.joinedOn();
        this.updatedAt = now;
    }

    public void leave(LocalDate day, Instant now) {
        this.status = Status.LEFT;
        this.leftOn = day;
        this.updatedAt = now;
    }

    /**
     * What a search text can match of the sealed IDs: a whole ID (18 characters) its blind index, four
     * characters the index of the last four; anything else matches no ID ({@link PersonalDataCipher#NO_INDEX}).
     * Used as {@code w.residentIdIndex = :idIndex or w.residentIdTail = :idTail}.
     */
    public record IdSearch(String index, String tail) {
        public static IdSearch of(String text) {
            String t = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
            PersonalDataCipher cipher = PersonalDataKeys.cipher();
            String index = t.length() == 18 && !PersonalDataCipher.isPlaceholder(t) ? cipher.index(t) : null;
            String tail = t.length() == 4 && !PersonalDataCipher.isPlaceholder(t) ? cipher.tailIndex(t) : null;
            return new IdSearch(index == null ? PersonalDataCipher.NO_INDEX : index, tail == null ? PersonalDataCipher.NO_INDEX : tail);
        }
    }

    public Firm getFirm() { return firm; }
    public String getName() { return name; }
    public String getResidentId() { return residentId; }
    public String getPhone() { return phone; }
    public String getJob() { return job; }
    public Status getStatus() { return status; }
    public LocalDate getJoinedOn() { return joinedOn; }
    public LocalDate getLeftOn() { return leftOn; }
    public Instant getAnonymizedAt() { return anonymizedAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public long getVersion() { return version; }
}
