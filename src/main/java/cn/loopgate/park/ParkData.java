package cn.loopgate.park;

import cn.loopgate.shared.TimeZones;
import cn.loopgate.shared.validation.Required;
import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Range;
import cn.loopgate.shared.validation.Matches;

import java.time.LocalDate;
import java.time.LocalTime;

/** A park to create or update, with its settings. */
public record ParkData(
        @Required Long districtId,
        @Required @Matches(regexp = "[A-Z0-9-]{2,16}", message = "{validation.code}") String code,
        @Required @Length(max = 100) String name,
        @Length(max = 100) String nameEn,
        @Required String timeZone,
        @Required LocalTime reportDeadline,
        @Range(min = 1, max = 366) int passMaxDays,
        @Range(min = 1, max = 60) Integer suspendAfterMissed,
        LocalDate loopEndedOn) {

    public ParkData normalized() {
        return new ParkData(districtId, code == null ? null : code.strip().toUpperCase(java.util.Locale.ROOT),
                name == null ? null : name.strip(), nameEn == null || nameEn.isBlank() ? null : nameEn.strip(),
                timeZone == null || timeZone.isBlank() ? TimeZones.CHINA_ID : timeZone.strip(),
                reportDeadline == null ? LocalTime.of(10, 0) : reportDeadline,
                passMaxDays == 0 ? 30 : passMaxDays, suspendAfterMissed, loopEndedOn);
    }
}
