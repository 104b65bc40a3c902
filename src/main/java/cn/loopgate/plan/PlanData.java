package cn.loopgate.plan;

import cn.loopgate.shared.validation.Name;
import cn.loopgate.shared.validation.Names;
import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.MobilePhone;
import cn.loopgate.shared.validation.Range;
import cn.loopgate.shared.validation.Required;

import java.time.LocalDate;

/**
 * What a firm files (or refiles): planned date, planned headcount on site, the closed-loop
 * arrangements, the emergency plan, the on-site epidemic officer and the uploaded commitment letter.
 */
public record PlanData(
        @Required LocalDate plannedDate,
        @Required @Range(min = 0, max = 1_000_000) Integer headcount,
        @Required @Length(max = 2000) String dormitory,
        @Required @Length(max = 2000) String meals,
        @Required @Length(max = 2000) String shuttle,
        @Required @Length(max = 2000) String disinfection,
        @Required @Length(max = 2000) String healthChecks,
        @Required @Length(max = 4000) String emergencyPlan,
        @Required @Length(max = 50) @Name String officerName,
        @Required @MobilePhone String officerPhone,
        @Required Long commitmentFileId) {

    public PlanData normalized() {
        return new PlanData(plannedDate, headcount, strip(dormitory), strip(meals), strip(shuttle), strip(disinfection),
                strip(healthChecks), strip(emergencyPlan), Names.normalize(officerName),
                officerPhone == null ? null : officerPhone.replaceAll("[\\s-]", ""), commitmentFileId);
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
