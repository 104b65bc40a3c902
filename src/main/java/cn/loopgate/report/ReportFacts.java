package cn.loopgate.report;

import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Range;
import cn.loopgate.shared.validation.Required;

/**
 * What a daily report states. Abnormal when anyone had fever or symptoms, tested positive or is
 * isolated; then {@code abnormalDetails} must say what happened (checked by the service).
 */
public record ReportFacts(
        @Range(min = 0, max = 1_000_000) int staffOnSite,
        @Range(min = 0, max = 1_000_000) int temperatureChecks,
        @Range(min = 0, max = 1_000_000) int feverCount,
        @Range(min = 0, max = 1_000_000) int symptomCount,
        @Range(min = 0, max = 1_000_000) int positiveCount,
        @Range(min = 0, max = 1_000_000) int isolatedCount,
        @Range(min = 0, max = 1_000_000) int testsDone,
        @Length(max = 2000) String abnormalDetails,
        @Required ProductionStatus productionStatus,
        @Range(min = 0, max = 200) int capacityPct) {

    public boolean abnormal() {
        return feverCount > 0 || symptomCount > 0 || positiveCount > 0 || isolatedCount > 0;
    }
}
