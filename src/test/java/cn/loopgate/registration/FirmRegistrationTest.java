package cn.loopgate.registration;

import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import cn.loopgate.shared.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirmRegistrationTest {

    static final Instant NOW = Instant.parse("2026-12-05T02:00:00Z");

    static FirmRegistration pending() {
        RegistrationData d = new RegistrationData(" 91320583mA1x2y3z4k ", " 测试 有限公司 ", 1L, true, FourAbove.INDUSTRY,
                Industry.MACHINERY, 120, "张三", "李四", " 13812345678 ", " ", null, " boss01 ", "Secret-2026").normalized();
        return new FirmRegistration(null, d, "pbkdf2-hash", 7L, "127.0.0.1", NOW);
    }

    @Test
    void aNewRegistrationIsPendingWithNormalizedData() {
        FirmRegistration r = pending();
        assertTrue(r.isPending());
        assertEquals(RegistrationStatus.PENDING, r.getStatus());
        assertEquals("91320583MA1X2Y3Z4K", r.getCreditCode());
        assertEquals("13812345678", r.getContactPhone());
        assertEquals("boss01", r.getUsername());
        assertNull(r.getEmail(), "blank is absent");
        assertEquals("pbkdf2-hash", r.getPasswordHash());
    }

    @Test
    void confirmingRecordsFirmAndAccountAndDropsThePasswordHash() {
        FirmRegistration r = pending();
        r.confirm(11L, 12L, "liaison.cd", NOW.plusSeconds(60));
        assertEquals(RegistrationStatus.CONFIRMED, r.getStatus());
        assertEquals(11L, r.getFirmId());
        assertEquals(12L, r.getUserId());
        assertEquals("liaison.cd", r.getDecidedBy());
        assertEquals(NOW.plusSeconds(60), r.getDecidedAt());
        assertNull(r.getPasswordHash());
        assertFalse(r.isPending());
    }

    @Test
    void refusingNeedsAReasonAndKeepsIt() {
        FirmRegistration r = pending();
        DomainException blank = assertThrows(DomainException.class, () -> r.refuse("  ", "admin", NOW));
        assertEquals("reason", blank.fieldErrors().get(0).field());
        assertThrows(DomainException.class, () -> r.refuse(null, "admin", NOW));
        DomainException longer = assertThrows(DomainException.class, () -> r.refuse("x".repeat(501), "admin", NOW));
        assertEquals("registration.reasonTooLong", longer.fieldErrors().get(0).messageKey());
        assertTrue(r.isPending(), "a refused refusal changes nothing");
        assertEquals("pbkdf2-hash", r.getPasswordHash());

        r.refuse("  营业执照与企业名称不符 ", "admin", NOW);
        assertEquals(RegistrationStatus.REFUSED, r.getStatus());
        assertEquals("营业执照与企业名称不符", r.getReason());
        assertNull(r.getPasswordHash());
        assertNull(r.getFirmId());
    }

    @Test
    void aDecidedRegistrationCannotBeDecidedAgain() {
        FirmRegistration confirmed = pending();
        confirmed.confirm(1L, 2L, "admin", NOW);
        assertEquals(DomainException.Kind.CONFLICT, assertThrows(DomainException.class, () -> confirmed.refuse("late", "admin", NOW)).kind());
        assertEquals(DomainException.Kind.CONFLICT, assertThrows(DomainException.class, () -> confirmed.confirm(3L, 4L, "admin", NOW)).kind());
        FirmRegistration refused = pending();
        refused.refuse("duplicate", "admin", NOW);
        assertEquals("registration.decided", assertThrows(DomainException.class, () -> refused.confirm(1L, 2L, "admin", NOW)).messageKey());
    }

    @Test
    void theCommandNeverPrintsThePassword() {
        assertFalse(pending().getCreditCode().isEmpty());
        RegistrationData d = new RegistrationData("X", "n", 1L, false, FourAbove.NONE, Industry.OTHER, 0, "a", "b", "138", null,
                null, "u", "Very-Secret-1");
        assertFalse(d.toString().contains("Very-Secret-1"));
    }
}
