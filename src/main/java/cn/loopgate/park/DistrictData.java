package cn.loopgate.park;

import cn.loopgate.shared.validation.Required;
import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Matches;

/** A district to create or rename (the code is fixed once created). */
public record DistrictData(
        @Required @Matches(regexp = "[A-Z0-9-]{2,16}", message = "{validation.code}") String code,
        @Required @Length(max = 100) String name,
        @Length(max = 100) String nameEn) {

    public DistrictData normalized() {
        return new DistrictData(code == null ? null : code.strip().toUpperCase(java.util.Locale.ROOT),
                name == null ? null : name.strip(), nameEn == null || nameEn.isBlank() ? null : nameEn.strip());
    }
}
