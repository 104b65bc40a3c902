package cn.loopgate.report;

import java.time.LocalDate;

/** The body of a filing on a firm's behalf (代报): as {@link FileReport}, plus why the officer files it. */
public record FileReportOnBehalf(LocalDate reportDate, int staffOnSite, int temperatureChecks, int feverCount,
                                 int symptomCount, int positiveCount, int isolatedCount, int testsDone,
                                 String abnormalDetails, ProductionStatus productionStatus, int capacityPct, String reason) {

    public ReportFacts facts() {
        return new ReportFacts(staffOnSite, temperatureChecks, feverCount, symptomCount, positiveCount, isolatedCount,
                testsDone, abnormalDetails, productionStatus, capacityPct);
    }
}
