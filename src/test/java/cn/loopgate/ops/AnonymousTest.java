package cn.loopgate.ops;

import cn.loopgate.shared.Masking;
import cn.loopgate.shared.validation.MobilePhone;
import cn.loopgate.shared.validation.ResidentId;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnonymousTest {

    @Test
    void residentIdPlaceholdersAreUniqueFitTheColumnAndAreNeverRealIds() {
        Set<String> seen = new HashSet<>();
        for (long id : new long[]{1, 50, 1_000_001, 99_999_999_999_999L}) {
            String p = Anonymous.residentId(id);
            assertTrue(p.startsWith("ANON") && p.endsWith(String.valueOf(id)), p);
            assertTrue(p.length() <= 18, p);
            assertTrue(Anonymous.isPlaceholder(p));
            assertFalse(p.matches("\\d{17}[\\dX]"), "not shaped like a resident ID: " + p);
            assertTrue(seen.add(p));
        }
        assertThrows(IllegalArgumentException.class, () -> Anonymous.residentId(100_000_000_000_000L), "15 digits do not fit");
        assertThrows(IllegalArgumentException.class, () -> Anonymous.residentId(0));
        assertFalse(Anonymous.isPlaceholder("11010519900101123X"));
        assertFalse(Anonymous.isPlaceholder(null));
    }

    @Test
    void placeholdersFailTheValidatorsOfRealData() {
        Validator v = Validation.buildDefaultValidatorFactory().getValidator();
        assertFalse(v.validate(new Person(Anonymous.residentId(1234), Anonymous.PHONE)).isEmpty());
        assertEquals(2, v.validate(new Person(Anonymous.residentId(1234), Anonymous.PHONE)).size());
        assertEquals(11, Anonymous.PHONE.length(), "fits phone columns (varchar 11)");
        assertFalse(Anonymous.NAME.isBlank());
        assertEquals(Anonymous.NAME.length(), Masking.name(Anonymous.NAME).length(), "a masked placeholder is still a placeholder");
    }

    record Person(@ResidentId String residentId, @MobilePhone String phone) {
    }

    @Test
    void dueTheRetentionDaysAfterTheLoopEnded() {
        LocalDate ended = LocalDate.of(2026, 3, 1);
        assertNull(Anonymous.dueOn(null, 30));
        assertFalse(Anonymous.isDue(null, 30, LocalDate.of(2030, 1, 1)), "a loop that has not ended is never due");
        assertEquals(LocalDate.of(2026, 3, 31), Anonymous.dueOn(ended, 30));
        assertFalse(Anonymous.isDue(ended, 30, LocalDate.of(2026, 3, 30)));
        assertTrue(Anonymous.isDue(ended, 30, LocalDate.of(2026, 3, 31)));
        assertTrue(Anonymous.isDue(ended, 30, LocalDate.of(2026, 6, 1)));
        assertTrue(Anonymous.isDue(ended, 0, ended), "0 days: on the day the loop ended");
        assertThrows(IllegalArgumentException.class, () -> Anonymous.dueOn(ended, -1));
    }
}
