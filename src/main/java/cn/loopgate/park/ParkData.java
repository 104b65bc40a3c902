package cn.loopgate.park;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.LocalTime;

/** A park to create or update, with its settings. */
public record ParkData(
        @NotNull(message = "{validation.required}") Long districtId,
        @NotBlank(message = "{validation.required}") @Pattern(regexp = "[A-Z0-9-]{2,16}", message = "{validation.code}") String code,
        @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.tooLong}") String name,
        @Size(max = 100, message = "{validation.tooLong}") String nameEn,
        @NotBlank(message = "{validation.required}") String timeZone,
        @NotNull(message = "{validation.required}") LocalTime reportDeadline,
        @Min(value = 1, message = "{validation.min}") @Max(value = 366, message = "{validation.max}") int passMaxDays,
        @Min(value = 1, message = "{validation.min}") @Max(value = 60, message = "{validation.max}") Integer suspendAfterMissed,
        LocalDate loopEndedOn) {

    public ParkData normalized() {
        return new ParkData(districtId, code == null ? null : code.strip().toUpperCase(java.util.Locale.ROOT),
                name == null ? null : name.strip(), nameEn == null || nameEn.isBlank() ? null : nameEn.strip(),
                timeZone == null || timeZone.isBlank() ? "Asia/Shanghai" : timeZone.strip(),
                reportDeadline == null ? LocalTime.of(10, 0) : reportDeadline,
                passMaxDays == 0 ? 30 : passMaxDays, suspendAfterMissed, loopEndedOn);
    }
}
