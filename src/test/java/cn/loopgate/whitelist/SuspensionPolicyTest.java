package cn.loopgate.whitelist;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SuspensionPolicyTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void registrationDayAndTodayNeverCount() {
        assertEquals(0, SuspensionPolicy.missedInRow(TODAY, null, TODAY));
        assertEquals(0, SuspensionPolicy.missedInRow(TODAY.minusDays(1), null, TODAY));
        assertEquals(3, SuspensionPolicy.missedInRow(TODAY.minusDays(4), null, TODAY));
    }

    @Test
    void theRunStartsAfterTheLatestReport() {
        LocalDate registered = TODAY.minusDays(30);
        assertEquals(0, SuspensionPolicy.missedInRow(registered, TODAY.minusDays(1), TODAY), "reported yesterday");
        assertEquals(0, SuspensionPolicy.missedInRow(registered, TODAY, TODAY), "reported today: restored");
        assertEquals(2, SuspensionPolicy.missedInRow(registered, TODAY.minusDays(3), TODAY));
        assertEquals(3, SuspensionPolicy.missedInRow(TODAY.minusDays(4), TODAY.minusDays(10), TODAY), "reports before registration do not count");
    }
}
