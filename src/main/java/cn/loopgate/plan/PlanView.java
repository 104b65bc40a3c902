package cn.loopgate.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A plan as the API shows it: its state, every version (oldest first) and its conditions. */
public record PlanView(long id, long firmId, long parkId, PlanStatus status, int currentVersion, Instant submittedAt,
                       Instant decidedAt, String decidedBy, String decisionReason, Long permitId,
                       List<Version> versions, List<String> conditions) {

    public record Version(int number, LocalDate plannedDate, int headcount, String dormitory, String meals, String shuttle,
                          String disinfection, String healthChecks, String emergencyPlan, String officerName,
                          String officerPhone, Long commitmentFileId, Instant submittedAt, String submittedBy,
                          Map<String, String> comments) {

        static Version of(PlanVersion v, boolean showPhone) {
            return new Version(v.getNumber(), v.getPlannedDate(), v.getHeadcount(), v.getDormitory(), v.getMeals(),
                    v.getShuttle(), v.getDisinfection(), v.getHealthChecks(), v.getEmergencyPlan(), v.getOfficerName(),
                    showPhone ? v.getOfficerPhone() : cn.loopgate.shared.Masking.phone(v.getOfficerPhone()), v.getCommitmentFileId(), v.getSubmittedAt(), v.getSubmittedBy(), v.getComments());
        }
    }

    /** {@code showPhone}: the on-site officer's phone in full (a single plan, for those who call), else masked (lists). */
    public static PlanView of(ResumptionPlan p, List<PlanVersion> versions, List<PlanCondition> conditions, boolean showPhone) {
        return new PlanView(p.getId(), p.getFirmId(), p.getParkId(), p.getStatus(), p.getCurrentVersion(), p.getSubmittedAt(),
                p.getDecidedAt(), p.getDecidedBy(), p.getDecisionReason(), p.getPermitId(),
                versions.stream().map(v -> Version.of(v, showPhone)).toList(), conditions.stream().map(PlanCondition::getText).toList());
    }
}
