package cn.loopgate.report;

import java.time.LocalDate;

/** The body of a filing over the API: the day (omitted: today in the park) and the facts. */
public record FileReport(LocalDate reportDate, int staffOnSite, int temperatureChecks, int feverCount, int symptomCount,
                         int positiveCount, int isolatedCount, int testsDone, String abnormalDetails,
                         ProductionStatus productionStatus, int capacityPct) {

    public ReportFacts facts() {
        return new ReportFacts(staffOnSite, temperatureChecks, feverCount, symptomCount, positiveCount, isolatedCount,
                testsDone, abnormalDetails, productionStatus, capacityPct);
    }
}
