package cn.loopgate.report;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A firm's report for one day. {@link #isZeroReport()} means nothing abnormal; any fever, symptom,
 * positive test or isolation makes it abnormal. {@code registeredStaff} freezes the firm's registered
 * staff at filing, so that day's arrival rate keeps its denominator whatever the firm changes later.
 */
@Entity
@Table(name = "daily_report")
public class DailyReport extends BaseEntity implements java.io.Serializable {

    @Column(name = "firm_id", nullable = false)
    private long firmId;
    @Column(name = "park_id", nullable = false)
    private long parkId;
    @Column(name = "report_date", nullable = false)
    private LocalDate reportDate;
    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;
    @Column(name = "submitted_by", nullable = false, length = 64)
    private String submittedBy;
    @Column(nullable = false)
    private boolean late;
    /** The current version was filed by the park's liaison officer for the firm (代报). */
    @Column(name = "on_behalf", nullable = false)
    private boolean onBehalf;
    @Column(name = "zero_report", nullable = false)
    private boolean zeroReport;
    @Column(name = "staff_on_site", nullable = false)
    private int staffOnSite;
    @Column(name = "registered_staff", nullable = false)
    private int registeredStaff;
    @Column(name = "temperature_checks", nullable = false)
    private int temperatureChecks;
    @Column(name = "fever_count", nullable = false)
    private int feverCount;
    @Column(name = "symptom_count", nullable = false)
    private int symptomCount;
    @Column(name = "positive_count", nullable = false)
    private int positiveCount;
    @Column(name = "isolated_count", nullable = false)
    private int isolatedCount;
    @Column(name = "tests_done", nullable = false)
    private int testsDone;
    @Column(name = "abnormal_details", length = 2000)
    private String abnormalDetails;
    @Enumerated(EnumType.STRING)
    @Column(name = "production_status", nullable = false, length = 12)
    private ProductionStatus productionStatus;
    @Column(name = "capacity_pct", nullable = false)
    private int capacityPct;
    @Column(nullable = false)
    private int revision = 1;
    @Column(name = "correction_until")
    private Instant correctionUntil;
    @Version
    private long version;

    protected DailyReport() {
    }

    public DailyReport(long firmId, long parkId, LocalDate reportDate, int registeredStaff) {
        this.firmId = firmId;
        this.parkId = parkId;
        this.reportDate = reportDate;
        this.registeredStaff = registeredStaff;
    }

    /** Sets the reported facts (first filing or a correction; the service keeps the revision history). */
    public void fill(ReportFacts f, Instant at, String by, boolean late, boolean onBehalf) {
        this.onBehalf = onBehalf;
        this.staffOnSite = f.staffOnSite();
        this.temperatureChecks = f.temperatureChecks();
        this.feverCount = f.feverCount();
        this.symptomCount = f.symptomCount();
        this.positiveCount = f.positiveCount();
        this.isolatedCount = f.isolatedCount();
        this.testsDone = f.testsDone();
        this.abnormalDetails = f.abnormalDetails();
        this.productionStatus = f.productionStatus();
        this.capacityPct = f.capacityPct();
        this.zeroReport = !f.abnormal();
        this.submittedAt = at;
        this.submittedBy = by;
        this.late = late;
    }

    public void nextRevision() {
        revision++;
    }

    public void allowCorrectionUntil(Instant until) {
        this.correctionUntil = until;
    }

    public ReportFacts facts() {
        return new ReportFacts(staffOnSite, temperatureChecks, feverCount, symptomCount, positiveCount, isolatedCount,
                testsDone, abnormalDetails, productionStatus, capacityPct);
    }

    public boolean isAbnormal() {
        return !zeroReport;
    }

    public long getFirmId() { return firmId; }
    public long getParkId() { return parkId; }
    public LocalDate getReportDate() { return reportDate; }
    public Instant getSubmittedAt() { return submittedAt; }
    public String getSubmittedBy() { return submittedBy; }
    public boolean isOnBehalf() { return onBehalf; }
    public boolean isLate() { return late; }
    public boolean isZeroReport() { return zeroReport; }
    public int getStaffOnSite() { return staffOnSite; }
    public int getRegisteredStaff() { return registeredStaff; }
    public int getTemperatureChecks() { return temperatureChecks; }
    public int getFeverCount() { return feverCount; }
    public int getSymptomCount() { return symptomCount; }
    public int getPositiveCount() { return positiveCount; }
    public int getIsolatedCount() { return isolatedCount; }
    public int getTestsDone() { return testsDone; }
    public String getAbnormalDetails() { return abnormalDetails; }
    public ProductionStatus getProductionStatus() { return productionStatus; }
    public int getCapacityPct() { return capacityPct; }
    public int getRevision() { return revision; }
    public Instant getCorrectionUntil() { return correctionUntil; }
    public long getVersion() { return version; }
}
