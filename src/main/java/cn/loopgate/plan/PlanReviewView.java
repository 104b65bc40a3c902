package cn.loopgate.plan;

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

    private long planId;
    private PlanDetail plan;
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
        plan = plans.detail(planId);
    }

    public PlanDetail.Version getCurrent() {
        return plan.current();
    }

    public List<Line> getLines() {
        PlanDetail.Version cur = plan.current();
        PlanDetail.Version prev = plan.previous();
        List<Line> lines = new ArrayList<>();
        Map<String, String> said = prev == null ? Map.of() : prev.comments();
        line(lines, said, "BASICS", "field.plannedDate", String.valueOf(cur.plannedDate()), prev == null ? null : String.valueOf(prev.plannedDate()));
        line(lines, said, "BASICS", "field.headcount", String.valueOf(cur.headcount()), prev == null ? null : String.valueOf(prev.headcount()));
        line(lines, said, "DORMITORY", "field.dormitory", cur.dormitory(), prev == null ? null : prev.dormitory());
        line(lines, said, "MEALS", "field.meals", cur.meals(), prev == null ? null : prev.meals());
        line(lines, said, "SHUTTLE", "field.shuttle", cur.shuttle(), prev == null ? null : prev.shuttle());
        line(lines, said, "DISINFECTION", "field.disinfection", cur.disinfection(), prev == null ? null : prev.disinfection());
        line(lines, said, "HEALTH_CHECKS", "field.healthChecks", cur.healthChecks(), prev == null ? null : prev.healthChecks());
        line(lines, said, "EMERGENCY_PLAN", "field.emergencyPlan", cur.emergencyPlan(), prev == null ? null : prev.emergencyPlan());
        line(lines, said, "OFFICER", "field.officerName", cur.officerName() + " " + cur.officerPhone(),
                prev == null ? null : prev.officerName() + " " + prev.officerPhone());
        return lines;
    }

    private static void line(List<Line> lines, Map<String, String> said, String section, String label, String cur, String prev) {
        boolean first = lines.stream().noneMatch(l -> l.section().equals(section));
        lines.add(new Line(section, label, cur, prev, prev != null && !Objects.equals(cur, prev), first ? said.get(section) : null));
    }

    public boolean isHasPrevious() {
        return plan.previous() != null;
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

    private String decided(PlanDetail p) {
        if (p == null) {
            return null;
        }
        FacesSupport.info("common.saved");
        load();
        return null;
    }

    public PlanSection[] getSections() { return PlanSection.values(); }
    public PlanDetail getPlan() { return plan; }
    public Map<String, String> getComments() { return comments; }
    public String getApproveConditions() { return approveConditions; }
    public void setApproveConditions(String v) { approveConditions = v; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
    public String getCondition() { return condition; }
    public void setCondition(String v) { condition = v; }
}
