package cn.loopgate.dashboard;

import cn.loopgate.shared.Messages;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bulletin's as-of time is exact and names the zone when the scope spans zones (issue 23.8). */
class BulletinAsOfTest {

    static final LocalDate D = LocalDate.of(2026, 3, 3);
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId URUMQI = ZoneId.of("Asia/Urumqi");

    static Figures at(String instant) {
        return Figures.of("all", "", D, OffsetDateTime.parse(instant).toInstant(), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void intradayToTheMinute() {
        assertEquals("3月3日10时45分", Bulletin.asOfText(at("2026-03-03T10:45:00+08:00"), List.of(SHANGHAI), Messages.DEFAULT_LOCALE));
        assertEquals("3月3日10时", Bulletin.asOfText(at("2026-03-03T10:00:30+08:00"), List.of(SHANGHAI), Messages.DEFAULT_LOCALE));
        assertEquals("10:45 on 3 March 2026", Bulletin.asOfText(at("2026-03-03T10:45:00+08:00"), List.of(SHANGHAI), Messages.ENGLISH));
    }

    @Test
    void endOfTheDayInTheParksZone() {
        assertEquals("3月3日24时", Bulletin.asOfText(at("2026-03-04T00:00:00+08:00"), List.of(SHANGHAI), Messages.DEFAULT_LOCALE));
        // One park in Urumqi (UTC+6): its day ends at 02:00 Shanghai time, said as its own 24:00.
        assertEquals("3月3日24时", Bulletin.asOfText(at("2026-03-04T02:00:00+08:00"), List.of(URUMQI), Messages.DEFAULT_LOCALE));
    }

    @Test
    void severalZonesNameTheZone() {
        List<ZoneId> both = List.of(URUMQI, SHANGHAI);
        // 01:30 Shanghai on D+1: Shanghai's day is over, Urumqi's is not; the time is said exactly, with its zone.
        String open = Bulletin.asOfText(at("2026-03-04T01:30:00+08:00"), both, Messages.DEFAULT_LOCALE);
        assertTrue(open.startsWith("3月4日1时30分（") && open.endsWith("）"), open);
        assertTrue(!open.contains("24时"), open);
        assertEquals("3月3日24时（各园区当地时间）", Bulletin.asOfText(at("2026-03-04T02:00:00+08:00"), both, Messages.DEFAULT_LOCALE));
        String en = Bulletin.asOfText(at("2026-03-04T01:30:00+08:00"), both, Messages.ENGLISH);
        assertTrue(en.startsWith("1:30 on 4 March 2026 (") && en.endsWith(")"), en);
    }
}
