package cn.loopgate.plan;

import cn.loopgate.shared.Masking;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan as pages and the API show it, built by {@link PlanService} in one transaction: its state, every
 * version (oldest first), its conditions, and the steps the caller may take now ({@code actions}).
 */
public record PlanDetail(long id, long firmId, String firmName, long parkId, PlanStatus status, int currentVersion,
                         Instant submittedAt, Instant decidedAt, String decidedBy, String decisionReason, Long permitId,
                         List<Version> versions, List<String> conditions, Set<PlanAction> actions) implements Serializable {

    public record Version(int number, LocalDate plannedDate, int headcount, String dormitory, String meals, String shuttle,
                          String disinfection, String healthChecks, String emergencyPlan, String officerName,
                          String officerPhone, Long commitmentFileId, Instant submittedAt, String submittedBy,
                          Map<String, String> comments) implements Serializable {

        static Version of(PlanVersion v, boolean showPhone) {
            return new Version(v.getNumber(), v.getPlannedDate(), v.getHeadcount(), v.getDormitory(), v.getMeals(),
                    v.getShuttle(), v.getDisinfection(), v.getHealthChecks(), v.getEmergencyPlan(), v.getOfficerName(),
                    showPhone ? v.getOfficerPhone() : Masking.phone(v.getOfficerPhone()), v.getCommitmentFileId(),
                    v.getSubmittedAt(), v.getSubmittedBy(), Collections.unmodifiableMap(new LinkedHashMap<>(v.getComments())));
        }
    }

    /** {@code showPhone}: the on-site officer's phone in full (a single plan, for those who call), else masked (lists). */
    static PlanDetail of(ResumptionPlan p, String firmName, List<PlanVersion> versions, List<PlanCondition> conditions,
                         boolean showPhone, Set<PlanAction> actions) {
        return new PlanDetail(p.getId(), p.getFirmId(), firmName, p.getParkId(), p.getStatus(), p.getCurrentVersion(),
                p.getSubmittedAt(), p.getDecidedAt(), p.getDecidedBy(), p.getDecisionReason(), p.getPermitId(),
                versions.stream().map(v -> Version.of(v, showPhone)).toList(),
                conditions.stream().map(PlanCondition::getText).toList(),
                actions.isEmpty() ? EnumSet.noneOf(PlanAction.class) : EnumSet.copyOf(actions));
    }

    /** The version under consideration (the last one filed). */
    public Version current() {
        return versions.get(versions.size() - 1);
    }

    /** The version before it, or null on a first filing. */
    public Version previous() {
        return versions.size() > 1 ? versions.get(versions.size() - 2) : null;
    }

    /** Whether the caller may take {@code action} now (for pages: {@code plan.can('APPROVE')}). */
    public boolean can(String action) {
        return actions.contains(PlanAction.valueOf(action));
    }
}
