package cn.loopgate.report;

import java.time.Instant;
import java.time.LocalDate;

/** A daily report as the API shows it; {@code onBehalf}: filed by the liaison officer named in {@code submittedBy} (代报). */
public record ReportView(long id, long firmId, long parkId, LocalDate reportDate, Instant submittedAt, String submittedBy,
                         boolean late, boolean zeroReport, int staffOnSite, int registeredStaff, int temperatureChecks,
                         int feverCount, int symptomCount, int positiveCount, int isolatedCount, int testsDone,
                         String abnormalDetails, ProductionStatus productionStatus, int capacityPct, int revision,
                         Instant correctionUntil, boolean onBehalf) {

    public static ReportView of(DailyReport r) {
        return new ReportView(r.getId(), r.getFirmId(), r.getParkId(), r.getReportDate(), r.getSubmittedAt(), r.getSubmittedBy(),
                r.isLate(), r.isZeroReport(), r.getStaffOnSite(), r.getRegisteredStaff(), r.getTemperatureChecks(),
                r.getFeverCount(), r.getSymptomCount(), r.getPositiveCount(), r.getIsolatedCount(), r.getTestsDone(),
                r.getAbnormalDetails(), r.getProductionStatus(), r.getCapacityPct(), r.getRevision(), r.getCorrectionUntil(),
                r.isOnBehalf());
    }
}
