package cn.loopgate.firm;

import cn.loopgate.shared.validation.Name;
import cn.loopgate.shared.validation.Names;
import cn.loopgate.shared.validation.Required;
import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Range;
import cn.loopgate.shared.validation.CreditCode;
import cn.loopgate.shared.validation.MobilePhone;

import java.time.LocalDate;

/**
 * What a firm is registered with: the command to create or update one, from a page or the API.
 * {@code creditCode} is ignored on update.
 */
public record FirmData(
        @Required @CreditCode String creditCode,
        @Required @Length(max = 200) @Name String name,
        @Required Long parkId,
        boolean aboveSize,
        @Required FourAbove fourAbove,
        @Required Industry industry,
        @Range(min = 0, max = 1_000_000) int registeredStaff,
        @Required @Length(max = 50) @Name String legalRep,
        @Required @Length(max = 50) @Name String contactName,
        @Required @MobilePhone String contactPhone,
        @Length(max = 300) String address,
        LocalDate registeredOn) {

    /** Trimmed, upper-cased where the identifier wants it, so what is validated is what is stored. */
    public FirmData normalized() {
        return new FirmData(upper(creditCode), Names.normalize(name), parkId, aboveSize, fourAbove, industry, registeredStaff,
                Names.normalize(legalRep), Names.normalize(contactName), trim(contactPhone), trim(address), registeredOn);
    }

    static String trim(String s) {
        return s == null ? null : s.strip();
    }

    static String upper(String s) {
        return s == null ? null : s.strip().toUpperCase(java.util.Locale.ROOT);
    }
}
