package cn.loopgate.report;

import java.time.LocalDate;

/**
 * CDI event fired (synchronously, inside the filing transaction) whenever a firm files or corrects
 * a daily report. Other features react to it without the report code knowing them, e.g. the park's
 * suspension policy restores a suspended firm's permits once it reports again.
 */
public record ReportFiled(long firmId, long parkId, LocalDate day, boolean abnormal, boolean late) {
}
