package cn.loopgate.dashboard;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One firm on one day, as the figures count it: its attributes at the end of the day and that
 * day's report (all report fields null when it did not report). {@code resumed} is exactly the
 * resumption rate's numerator condition. {@code onBehalf}: the report was filed by the park's liaison
 * officer for the firm (代报).
 */
public record FirmDay(LocalDate day, long firmId, String name, String creditCode, long parkId, String parkName,
                      boolean aboveSize, String fourAbove, String industry, int registeredStaff, LocalDate resumedOn,
                      boolean resumed, boolean reported, Boolean late, Boolean abnormal, String productionStatus,
                      Integer staffOnSite, Integer reportedStaff, Integer capacityPct, Instant submittedAt,
                      Boolean onBehalf) implements java.io.Serializable {

    /** What the firm's row says at a glance: MISSING, STOPPED, ABNORMAL, RESUMED or NOT_RESUMED. */
    public String state() {
        if (!reported) {
            return "MISSING";
        }
        if ("STOPPED".equals(productionStatus)) {
            return "STOPPED";
        }
        if (Boolean.TRUE.equals(abnormal)) {
            return "ABNORMAL";
        }
        return resumed ? "RESUMED" : "NOT_RESUMED";
    }
}
