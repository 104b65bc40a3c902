package cn.loopgate.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The liaison officer's board for a day: one row per firm of their parks, and the counts
 * (reported = zero + abnormal; late counts reports filed after the deadline).
 */
public record Board(Instant at, List<Row> rows, long reported, long zero, long abnormal, long late, long missing) {

    public record Row(long firmId, String firmName, long parkId, String parkCode, LocalDate day, BoardStatus status,
                      boolean late, Long reportId, Instant submittedAt, Integer staffOnSite, int registeredStaff,
                      String abnormalDetails, boolean onBehalf) {
    }

    public static Board of(Instant at, List<Row> rows) {
        long zero = rows.stream().filter(r -> r.status() == BoardStatus.ZERO).count();
        long abnormal = rows.stream().filter(r -> r.status() == BoardStatus.ABNORMAL).count();
        long missing = rows.stream().filter(r -> r.status() == BoardStatus.MISSING).count();
        long late = rows.stream().filter(Row::late).count();
        return new Board(at, rows, zero + abnormal, zero, abnormal, late, missing);
    }
}
