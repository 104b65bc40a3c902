package cn.loopgate.park;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A district to create or rename (the code is fixed once created). */
public record DistrictData(
        @NotBlank(message = "{validation.required}") @Pattern(regexp = "[A-Z0-9-]{2,16}", message = "{validation.code}") String code,
        @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.tooLong}") String name,
        @Size(max = 100, message = "{validation.tooLong}") String nameEn) {

    public DistrictData normalized() {
        return new DistrictData(code == null ? null : code.strip().toUpperCase(java.util.Locale.ROOT),
                name == null ? null : name.strip(), nameEn == null || nameEn.isBlank() ? null : nameEn.strip());
    }
}
