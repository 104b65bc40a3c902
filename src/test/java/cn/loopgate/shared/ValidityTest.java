package cn.loopgate.shared;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ValidityTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void anEndAtLocalMidnightMeansTheDayBeforeIsTheLastDay() {
        // 2026-12-05 00:00 to 2027-01-04 00:00 in Shanghai (UTC+8)
        Validity v = Validity.of(Instant.parse("2026-12-04T16:00:00Z"), Instant.parse("2027-01-03T16:00:00Z"), SHANGHAI);
        assertEquals(LocalDate.of(2026, 12, 5), v.first());
        assertEquals(LocalDate.of(2027, 1, 3), v.last());
        assertEquals("有效期 2026-12-05 至 2027-01-03", v.text(Messages.DEFAULT_LOCALE));
        assertEquals("Valid 2026-12-05 to 2027-01-03", v.text(Messages.ENGLISH));
        assertEquals("2026-12-05 至 2027-01-03", v.range(Messages.DEFAULT_LOCALE));
    }

    @Test
    void anEndDuringTheDayCountsThatDay() {
        Validity v = Validity.of(Instant.parse("2026-12-04T16:00:00Z"), Instant.parse("2027-01-04T04:30:00Z"), SHANGHAI);
        assertEquals(LocalDate.of(2027, 1, 4), v.last());
    }

    @Test
    void theParksZoneDecidesTheDates() {
        // the same instants read in UTC: midnight UTC is not the park's midnight
        Validity v = Validity.of(Instant.parse("2026-12-05T00:00:00Z"), Instant.parse("2027-01-04T00:00:00Z"), ZoneId.of("UTC"));
        assertEquals("2026-12-05 至 2027-01-03", v.range(Messages.DEFAULT_LOCALE));
        Validity shanghai = Validity.of(Instant.parse("2026-12-05T00:00:00Z"), Instant.parse("2027-01-04T00:00:00Z"), SHANGHAI);
        assertEquals("2026-12-05 至 2027-01-04", shanghai.range(Messages.DEFAULT_LOCALE), "ends 08:00 local on the 4th");
    }

    @Test
    void aWindowShorterThanADayStillShowsItsDay() {
        Validity v = Validity.of(Instant.parse("2026-12-04T16:00:00Z"), Instant.parse("2026-12-04T16:00:01Z"), SHANGHAI);
        assertEquals(v.first(), v.last());
        assertEquals("", Validity.range(null, LocalDate.of(2026, 1, 1), Messages.DEFAULT_LOCALE));
    }
}
