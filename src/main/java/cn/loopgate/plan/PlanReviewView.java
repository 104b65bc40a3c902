package cn.loopgate.plan;

import cn.loopgate.firm.Firm;
import cn.loopgate.firm.FirmService;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The liaison's review of one plan (liaison/plan.xhtml?id=…): the current version beside the
 * previous one, the commitment letter, comments per section, and the decision.
 */
@Named
@ViewScoped
public class PlanReviewView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    PlanService plans;
    @Inject
    FirmService firms;

    private long planId;
    private ResumptionPlan plan;
    private Firm firm;
    private List<PlanVersion> versions = List.of();
    private List<PlanCondition> conditions = List.of();
    private final Map<String, String> comments = new HashMap<>();
    private String approveConditions;
    private String reason;
    private String condition;

    /** One line of the comparison: a section's value in this and the previous version. */
    public record Line(String section, String label, String current, String previous, boolean changed, String comment) {
    }

    @PostConstruct
    void init() {
        String id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
        try {
            planId = Long.parseLong(id);
        } catch (NumberFormatException | NullPointerException e) {
            throw DomainException.notFound();
        }
        load();
    }

    private void load() {
        plan = plans.get(planId);
        firm = firms.get(plan.getFirmId());
        versions = plans.versions(planId);
        conditions = plans.conditions(planId);
    }

    public PlanVersion getCurrent() {
        return versions.get(versions.size() - 1);
    }

    public List<Line> getLines() {
        PlanVersion cur = getCurrent();
        PlanVersion prev = versions.size() > 1 ? versions.get(versions.size() - 2) : null;
        List<Line> lines = new ArrayList<>();
        Map<String, String> said = prev == null ? Map.of() : prev.getComments();
        line(lines, said, "BASICS", "field.plannedDate", String.valueOf(cur.getPlannedDate()), prev == null ? null : String.valueOf(prev.getPlannedDate()));
        line(lines, said, "BASICS", "field.headcount", String.valueOf(cur.getHeadcount()), prev == null ? null : String.valueOf(prev.getHeadcount()));
        line(lines, said, "DORMITORY", "field.dormitory", cur.getDormitory(), prev == null ? null : prev.getDormitory());
        line(lines, said, "MEALS", "field.meals", cur.getMeals(), prev == null ? null : prev.getMeals());
        line(lines, said, "SHUTTLE", "field.shuttle", cur.getShuttle(), prev == null ? null : prev.getShuttle());
        line(lines, said, "DISINFECTION", "field.disinfection", cur.getDisinfection(), prev == null ? null : prev.getDisinfection());
        line(lines, said, "HEALTH_CHECKS", "field.healthChecks", cur.getHealthChecks(), prev == null ? null : prev.getHealthChecks());
        line(lines, said, "EMERGENCY_PLAN", "field.emergencyPlan", cur.getEmergencyPlan(), prev == null ? null : prev.getEmergencyPlan());
        line(lines, said, "OFFICER", "field.officerName", cur.getOfficerName() + " " + cur.getOfficerPhone(),
                prev == null ? null : prev.getOfficerName() + " " + prev.getOfficerPhone());
        return lines;
    }

    private static void line(List<Line> lines, Map<String, String> said, String section, String label, String cur, String prev) {
        boolean first = lines.stream().noneMatch(l -> l.section().equals(section));
        lines.add(new Line(section, label, cur, prev, prev != null && !Objects.equals(cur, prev), first ? said.get(section) : null));
    }

    public boolean isReviewable() {
        return plan.getStatus() == PlanStatus.SUBMITTED;
    }

    public boolean isHasPrevious() {
        return versions.size() > 1;
    }

    public String returnForChanges() {
        Map<PlanSection, String> m = new EnumMap<>(PlanSection.class);
        comments.forEach((k, v) -> m.put(PlanSection.valueOf(k), v));
        return decided(FacesSupport.attempt(() -> plans.returnForChanges(planId, m)));
    }

    public String approve() {
        List<String> list = approveConditions == null ? List.of() : Arrays.stream(approveConditions.split("\\R")).toList();
        return decided(FacesSupport.attempt(() -> plans.approve(planId, list)));
    }

    public String reject() {
        return decided(FacesSupport.attempt(() -> plans.reject(planId, reason)));
    }

    public void addCondition() {
        if (FacesSupport.attempt(() -> plans.addCondition(planId, condition)) != null) {
            condition = null;
            FacesSupport.info("common.saved");
            load();
        }
    }

    private String decided(ResumptionPlan p) {
        if (p == null) {
            return null;
        }
        FacesSupport.info("common.saved");
        load();
        return null;
    }

    public PlanSection[] getSections() { return PlanSection.values(); }
    public ResumptionPlan getPlan() { return plan; }
    public Firm getFirm() { return firm; }
    public List<PlanVersion> getVersions() { return versions; }
    public List<PlanCondition> getConditions() { return conditions; }
    public Map<String, String> getComments() { return comments; }
    public String getApproveConditions() { return approveConditions; }
    public void setApproveConditions(String v) { approveConditions = v; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
    public String getCondition() { return condition; }
    public void setCondition(String v) { condition = v; }
}
