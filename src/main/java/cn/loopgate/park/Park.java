package cn.loopgate.park;

import cn.loopgate.shared.TimeZones;
import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * An industrial park (园区/开发区). Its settings govern the firms in it: the day of a daily report is
 * the calendar day in the park's time zone, due by {@link #getReportDeadline()}; a vehicle pass may
 * last at most {@link #getPassMaxDays()} days; when {@link #getSuspendAfterMissed()} is set, a firm
 * that misses that many reports in a row has its permits suspended. When the closed loop ends
 * ({@link #getLoopEndedOn()}), the retention clock for workers' personal data starts.
 */
@Entity
@Table(name = "park")
@NamedQuery(name = "Park.all", query = "select p from Park p order by p.code")
public class Park extends BaseEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "district_id")
    private District district;
    @Column(nullable = false, unique = true, length = 16)
    private String code;
    @Column(nullable = false, length = 100)
    private String name;
    @Column(name = "name_en", length = 100)
    private String nameEn;
    @Column(name = "time_zone", nullable = false, length = 40)
    private String timeZone = TimeZones.CHINA_ID;
    @Column(name = "report_deadline", nullable = false)
    private LocalTime reportDeadline = LocalTime.of(10, 0);
    @Column(name = "pass_max_days", nullable = false)
    private int passMaxDays = 30;
    @Column(name = "suspend_after_missed")
    private Integer suspendAfterMissed;
    @Column(name = "loop_ended_on")
    private LocalDate loopEndedOn;
    /** Whether this park's gates admit permits of other parks (otherwise they scan WRONG_PARK). */
    @Column(name = "admits_other_parks", nullable = false)
    private boolean admitsOtherParks;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Version
    private long version;

    protected Park() {
    }

    public Park(District district, String code, String name, String nameEn, Instant createdAt) {
        this.district = district;
        this.code = code;
        this.name = name;
        this.nameEn = nameEn;
        this.createdAt = createdAt;
    }

    public void update(District district, String name, String nameEn, String timeZone, LocalTime reportDeadline,
                       int passMaxDays, Integer suspendAfterMissed, LocalDate loopEndedOn) {
        this.district = district;
        this.name = name;
        this.nameEn = nameEn;
        this.timeZone = timeZone;
        this.reportDeadline = reportDeadline;
        this.passMaxDays = passMaxDays;
        this.suspendAfterMissed = suspendAfterMissed;
        this.loopEndedOn = loopEndedOn;
    }

    void admitOtherParks(boolean admits) {
        this.admitsOtherParks = admits;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The calendar day it is in this park at {@code now}. */
    public LocalDate today(Instant now) {
        return now.atZone(zone()).toLocalDate();
    }

    /** When the report for {@code day} falls due. */
    public Instant deadlineOf(LocalDate day) {
        return day.atTime(reportDeadline).atZone(zone()).toInstant();
    }

    public District getDistrict() { return district; }
    public String getCode() { return code; }
    public String getName() { return name; }
    public String getNameEn() { return nameEn; }
    public String getTimeZone() { return timeZone; }
    public LocalTime getReportDeadline() { return reportDeadline; }
    public int getPassMaxDays() { return passMaxDays; }
    public Integer getSuspendAfterMissed() { return suspendAfterMissed; }
    public LocalDate getLoopEndedOn() { return loopEndedOn; }
    public boolean isAdmitsOtherParks() { return admitsOtherParks; }
    public Instant getCreatedAt() { return createdAt; }
    public long getVersion() { return version; }
}
