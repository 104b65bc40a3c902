package cn.loopgate.health;

import cn.loopgate.roster.Worker;
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

/** A worker's test: when the sample was taken, where, and its result (PENDING until the laboratory answers). */
@Entity
@Table(name = "health_test")
public class HealthTest extends BaseEntity {

    /** How the record arrived. */
    public enum Source { MANUAL, API, IMPORT }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "worker_id")
    private Worker worker;
    @Column(name = "firm_id", nullable = false)
    private long firmId;
    @Column(name = "park_id", nullable = false)
    private long parkId;
    @Column(name = "sampled_at", nullable = false)
    private Instant sampledAt;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private TestResult result;
    @Column(length = 100)
    private String site;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Source source;
    @Column(name = "entered_by", nullable = false, length = 64)
    private String enteredBy;
    @Column(name = "entered_at", nullable = false)
    private Instant enteredAt;
    @Version
    private long version;

    protected HealthTest() {
    }

    HealthTest(Worker worker, Instant sampledAt, TestResult result, String site, Source source, String by, Instant now) {
        this.worker = worker;
        this.firmId = worker.getFirm().getId();
        this.parkId = worker.getFirm().getPark().getId();
        this.sampledAt = sampledAt;
        this.result = result;
        this.site = site;
        this.source = source;
        this.enteredBy = by;
        this.enteredAt = now;
    }

    /** The laboratory's answer to a pending sample; a result once known is not changed (409), a new test is entered. */
    void resolve(TestResult answer) {
        if (result != TestResult.PENDING) {
            throw DomainException.conflict("health.test.notPending");
        }
        if (answer == TestResult.PENDING) {
            throw DomainException.invalid("result", "health.test.resultRequired");
        }
        result = answer;
    }

    public Worker getWorker() { return worker; }
    public long getFirmId() { return firmId; }
    public long getParkId() { return parkId; }
    public Instant getSampledAt() { return sampledAt; }
    public TestResult getResult() { return result; }
    public String getSite() { return site; }
    public Source getSource() { return source; }
    public String getEnteredBy() { return enteredBy; }
    public Instant getEnteredAt() { return enteredAt; }
    public long getVersion() { return version; }
}
