package cn.loopgate.firm;

import cn.loopgate.shared.validation.CreditCode;
import cn.loopgate.shared.validation.MobilePhone;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * What a firm is registered with: the command to create or update one, from a page or the API.
 * {@code creditCode} is ignored on update.
 */
public record FirmData(
        @NotBlank(message = "{validation.required}") @CreditCode String creditCode,
        @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.tooLong}") String name,
        @NotNull(message = "{validation.required}") Long parkId,
        boolean aboveSize,
        @NotNull(message = "{validation.required}") FourAbove fourAbove,
        @NotNull(message = "{validation.required}") Industry industry,
        @Min(value = 0, message = "{validation.min}") @Max(value = 1_000_000, message = "{validation.max}") int registeredStaff,
        @NotBlank(message = "{validation.required}") @Size(max = 50, message = "{validation.tooLong}") String legalRep,
        @NotBlank(message = "{validation.required}") @Size(max = 50, message = "{validation.tooLong}") String contactName,
        @NotBlank(message = "{validation.required}") @MobilePhone String contactPhone,
        @Size(max = 300, message = "{validation.tooLong}") String address,
        LocalDate registeredOn) {

    /** Trimmed, upper-cased where the identifier wants it, so what is validated is what is stored. */
    public FirmData normalized() {
        return new FirmData(upper(creditCode), trim(name), parkId, aboveSize, fourAbove, industry, registeredStaff,
                trim(legalRep), trim(contactName), trim(contactPhone), trim(address), registeredOn);
    }

    static String trim(String s) {
        return s == null ? null : s.strip();
    }

    static String upper(String s) {
        return s == null ? null : s.strip().toUpperCase(java.util.Locale.ROOT);
    }
}
