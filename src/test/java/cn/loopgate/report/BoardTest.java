package cn.loopgate.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoardTest {

    static Board.Row row(long firm, BoardStatus status, boolean late) {
        return new Board.Row(firm, "F" + firm, 1, "P", LocalDate.of(2026, 2, 10), status, late,
                status == BoardStatus.MISSING ? null : firm * 10, null, null, 100, null, false, "园区", "13800000000",
                Instant.EPOCH, firm != 5);
    }

    @Test
    void countsReportedZeroAbnormalLateAndMissing() {
        Board b = Board.of(Instant.EPOCH, List.of(row(1, BoardStatus.ZERO, false), row(2, BoardStatus.ZERO, true),
                row(3, BoardStatus.ABNORMAL, true), row(4, BoardStatus.MISSING, false), row(5, BoardStatus.MISSING, false)));
        assertEquals(3, b.reported());
        assertEquals(2, b.zero());
        assertEquals(1, b.abnormal());
        assertEquals(2, b.late());
        assertEquals(1, b.missing(), "past its park's deadline: 未报");
        assertEquals(1, b.pending(), "before the deadline: 待报");
        assertEquals("PENDING", b.rows().get(4).shown());
        assertEquals("MISSING", b.rows().get(3).shown());
    }

    @Test
    void anyAbnormalCaseMakesTheReportAbnormal() {
        ReportFacts zero = new ReportFacts(10, 10, 0, 0, 0, 0, 0, null, ProductionStatus.NORMAL, 100);
        assertFalse(zero.abnormal());
        assertTrue(new ReportFacts(10, 10, 0, 0, 0, 1, 0, "x", ProductionStatus.NORMAL, 100).abnormal());
        assertTrue(new ReportFacts(10, 10, 0, 1, 0, 0, 0, "x", ProductionStatus.NORMAL, 100).abnormal());
    }
}
