package cn.loopgate.permit;

import cn.loopgate.shared.DomainException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The validity window shared by cards and passes: inclusive days, a maximum length, no start in the past. */
class ValidityWindowTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    static DomainException.FieldError refusal(LocalDate from, LocalDate to, int maxDays) {
        DomainException e = assertThrows(DomainException.class, () -> ValidityWindow.check(TODAY, from, to, maxDays));
        assertEquals(DomainException.Kind.INVALID, e.kind());
        return e.fieldErrors().get(0);
    }

    @Test
    void bothEndsCountSoMaxDaysIsTheLongestWindow() {
        assertDoesNotThrow(() -> ValidityWindow.check(TODAY, TODAY, TODAY.plusDays(29), 30));
        DomainException.FieldError tooLong = refusal(TODAY, TODAY.plusDays(30), 30);
        assertEquals("validTo", tooLong.field());
        assertEquals("whitelist.windowTooLong", tooLong.messageKey());
    }

    @Test
    void endBeforeStartIsRefused() {
        DomainException.FieldError e = refusal(TODAY.plusDays(2), TODAY.plusDays(1), 30);
        assertEquals("validTo", e.field());
        assertEquals("validation.validToAfterFrom", e.messageKey());
    }

    @Test
    void startMayBeYesterdayButNotEarlier() {
        assertDoesNotThrow(() -> ValidityWindow.check(TODAY, TODAY.minusDays(1), TODAY.plusDays(5), 30));
        DomainException.FieldError e = refusal(TODAY.minusDays(2), TODAY.plusDays(5), 30);
        assertEquals("validFrom", e.field());
        assertEquals("whitelist.fromInPast", e.messageKey());
    }

    @Test
    void aOneDayWindowIsOneDay() {
        assertDoesNotThrow(() -> ValidityWindow.check(TODAY, TODAY, TODAY, 1));
        assertEquals("whitelist.windowTooLong", refusal(TODAY, TODAY.plusDays(1), 1).messageKey());
    }
}
