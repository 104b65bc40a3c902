package cn.loopgate.park;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A gate (卡口) of a park, with the gate guards bound to it. Guards scan only at their gates, and the gate
 * says which park a scan happens in (a permit of another park answers WRONG_PARK unless the park admits
 * other parks' permits, {@link Park#isAdmitsOtherParks()}). Deactivated rather than deleted: the scan log
 * refers to it.
 */
@Entity
@Table(name = "gate")
public class Gate extends BaseEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "park_id")
    private Park park;
    @Column(nullable = false, length = 60)
    private String name;
    @Column(nullable = false)
    private boolean active = true;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    /** The gate guards (user ids) who may scan here. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "gate_guard", joinColumns = @JoinColumn(name = "gate_id"))
    @Column(name = "user_id")
    private Set<Long> guardIds = new HashSet<>();
    @Version
    private long version;

    protected Gate() {
    }

    public Gate(Park park, String name, Instant createdAt) {
        this.park = park;
        this.name = name;
        this.createdAt = createdAt;
    }

    void update(String name, boolean active) {
        this.name = name;
        this.active = active;
    }

    void bindGuards(Set<Long> userIds) {
        guardIds.clear();
        guardIds.addAll(userIds);
    }

    /** Binds one more guard (demo data and tests); the others stay. */
    public void addGuard(long userId) {
        guardIds.add(userId);
    }

    public Park getPark() { return park; }
    public String getName() { return name; }
    public boolean isActive() { return active; }
    public Instant getCreatedAt() { return createdAt; }
    public Set<Long> getGuardIds() { return Set.copyOf(guardIds); }
    public long getVersion() { return version; }
}
