package cn.loopgate.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The liaison officer's board for a day: one row per firm of their parks, and the counts
 * (reported = zero + abnormal; late counts reports filed after the deadline).
 */
public record Board(Instant at, List<Row> rows, long reported, long zero, long abnormal, long late, long missing, long pending) implements java.io.Serializable {

    /**
     * A firm's line. A firm without a report is MISSING either way; {@code overdue} tells 未报 (its park's
     * deadline has passed) from 待报 (not yet due), so the page never calls a firm late before it is.
     */
    public record Row(long firmId, String firmName, long parkId, String parkCode, LocalDate day, BoardStatus status,
                      boolean late, Long reportId, Instant submittedAt, Integer staffOnSite, int registeredStaff,
                      String abnormalDetails, boolean onBehalf, String parkName, String contactPhone, Instant deadline, boolean overdue) implements java.io.Serializable {

        /** The word the page shows: ZERO, ABNORMAL, PENDING (待报) or MISSING (未报). */
        public String shown() {
            return status == BoardStatus.MISSING && !overdue ? "PENDING" : status.name();
        }
    }

    public static Board of(Instant at, List<Row> rows) {
        long zero = rows.stream().filter(r -> r.status() == BoardStatus.ZERO).count();
        long abnormal = rows.stream().filter(r -> r.status() == BoardStatus.ABNORMAL).count();
        long missing = rows.stream().filter(r -> r.status() == BoardStatus.MISSING && r.overdue()).count();
        long pending = rows.stream().filter(r -> r.status() == BoardStatus.MISSING && !r.overdue()).count();
        long late = rows.stream().filter(Row::late).count();
        return new Board(at, rows, zero + abnormal, zero, abnormal, late, missing, pending);
    }
}
