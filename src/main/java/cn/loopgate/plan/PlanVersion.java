package cn.loopgate.plan;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** One submission of a plan, never changed afterwards except for the liaison's return comments. */
@Entity
@Table(name = "plan_version")
public class PlanVersion extends BaseEntity implements java.io.Serializable {

    private static final Jsonb JSON = JsonbBuilder.create();

    @Column(name = "plan_id", nullable = false)
    private long planId;
    @Column(nullable = false)
    private int number;
    @Column(name = "planned_date", nullable = false)
    private LocalDate plannedDate;
    @Column(nullable = false)
    private int headcount;
    @Column(nullable = false, length = 2000)
    private String dormitory;
    @Column(nullable = false, length = 2000)
    private String meals;
    @Column(nullable = false, length = 2000)
    private String shuttle;
    @Column(nullable = false, length = 2000)
    private String disinfection;
    @Column(name = "health_checks", nullable = false, length = 2000)
    private String healthChecks;
    @Column(name = "emergency_plan", nullable = false, length = 4000)
    private String emergencyPlan;
    @Column(name = "officer_name", nullable = false, length = 50)
    private String officerName;
    @Column(name = "officer_phone", nullable = false, length = 11)
    private String officerPhone;
    @Column(name = "commitment_file_id")
    private Long commitmentFileId;
    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;
    @Column(name = "submitted_by", nullable = false, length = 64)
    private String submittedBy;
    @Column(name = "review_comments")
    private String reviewComments;

    protected PlanVersion() {
    }

    public PlanVersion(long planId, int number, PlanData d, Instant at, String by) {
        this.planId = planId;
        this.number = number;
        this.plannedDate = d.plannedDate();
        this.headcount = d.headcount();
        this.dormitory = d.dormitory();
        this.meals = d.meals();
        this.shuttle = d.shuttle();
        this.disinfection = d.disinfection();
        this.healthChecks = d.healthChecks();
        this.emergencyPlan = d.emergencyPlan();
        this.officerName = d.officerName();
        this.officerPhone = d.officerPhone();
        this.commitmentFileId = d.commitmentFileId();
        this.submittedAt = at;
        this.submittedBy = by;
    }

    public void comment(Map<PlanSection, String> comments) {
        Map<String, String> m = new LinkedHashMap<>();
        comments.forEach((k, v) -> m.put(k.name(), v));
        this.reviewComments = JSON.toJson(m);
    }

    /** The liaison's comments per section (empty unless this version was returned). */
    @SuppressWarnings("unchecked")
    public Map<String, String> getComments() {
        if (reviewComments == null || reviewComments.isBlank()) {
            return Map.of();
        }
        return JSON.fromJson(reviewComments, LinkedHashMap.class);
    }

    public PlanData data() {
        return new PlanData(plannedDate, headcount, dormitory, meals, shuttle, disinfection, healthChecks, emergencyPlan,
                officerName, officerPhone, commitmentFileId);
    }

    public long getPlanId() { return planId; }
    public int getNumber() { return number; }
    public LocalDate getPlannedDate() { return plannedDate; }
    public int getHeadcount() { return headcount; }
    public String getDormitory() { return dormitory; }
    public String getMeals() { return meals; }
    public String getShuttle() { return shuttle; }
    public String getDisinfection() { return disinfection; }
    public String getHealthChecks() { return healthChecks; }
    public String getEmergencyPlan() { return emergencyPlan; }
    public String getOfficerName() { return officerName; }
    public String getOfficerPhone() { return officerPhone; }
    public Long getCommitmentFileId() { return commitmentFileId; }
    public Instant getSubmittedAt() { return submittedAt; }
    public String getSubmittedBy() { return submittedBy; }
}
