package cn.loopgate.registration;

import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import cn.loopgate.shared.validation.CreditCode;
import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Matches;
import cn.loopgate.shared.validation.MobilePhone;
import cn.loopgate.shared.validation.Name;
import cn.loopgate.shared.validation.Names;
import cn.loopgate.shared.validation.Range;
import cn.loopgate.shared.validation.Required;

import java.util.Locale;

/**
 * What a firm's manager registers on the public page: the firm as {@code firm.FirmData} needs it, and their
 * own account (username, password; the password is checked by {@code account.PasswordRules}, and never kept
 * in clear). The licence scan travels beside it.
 */
public record RegistrationData(
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
        @Matches(regexp = Matches.EMAIL, message = "{validation.email}") @Length(max = 200) String email,
        @Length(max = 300) String address,
        @Required @Matches(regexp = "[a-zA-Z0-9._-]{3,64}", message = "{validation.username}") String username,
        String password) implements java.io.Serializable {

    /** Trimmed (blank is absent), the credit code upper-cased, so what is validated is what is stored. */
    public RegistrationData normalized() {
        return new RegistrationData(creditCode == null ? null : creditCode.strip().toUpperCase(Locale.ROOT),
                Names.normalize(name), parkId, aboveSize, fourAbove, industry, registeredStaff, Names.normalize(legalRep),
                Names.normalize(contactName), strip(contactPhone), strip(email), strip(address), strip(username), password);
    }

    /** Never the password (nor the personal data), should a command ever reach a log. */
    @Override
    public String toString() {
        return "RegistrationData[" + creditCode + ", " + name + "]";
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
