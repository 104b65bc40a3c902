package cn.loopgate.roster;

import cn.loopgate.firm.Firm;
import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
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
    @Column(name = "resident_id", nullable = false, length = 18)
    private String residentId;
    @Column(nullable = false, length = 11)
    private String phone;
    @Column(length = 50)
    private String job;
    @Column(name = "shift_team", length = 50)
    private String shiftTeam;
    @Column(length = 50)
    private String dormitory;
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
        this.shiftTeam = d.shiftTeam();
        this.dormitory = d.dormitory();
        this.joinedOn = d.joinedOn();
        this.updatedAt = now;
    }

    public void leave(LocalDate day, Instant now) {
        this.status = Status.LEFT;
        this.leftOn = day;
        this.updatedAt = now;
    }

    public Firm getFirm() { return firm; }
    public String getName() { return name; }
    public String getResidentId() { return residentId; }
    public String getPhone() { return phone; }
    public String getJob() { return job; }
    /** The shift or team the worker works in (traced when a co-worker tests positive); null when not recorded. */
    public String getShiftTeam() { return shiftTeam; }
    /** The dormitory room (e.g. "3号楼 204"); null when not recorded. */
    public String getDormitory() { return dormitory; }
    public Status getStatus() { return status; }
    public LocalDate getJoinedOn() { return joinedOn; }
    public LocalDate getLeftOn() { return leftOn; }
    public Instant getAnonymizedAt() { return anonymizedAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public long getVersion() { return version; }
}
