package cn.loopgate.home;

import cn.loopgate.report.Board;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What each role's home page shows; one record per role, built in one transaction by {@link HomeService}. */
public final class Home {

    private Home() {
    }

    /** Today's report of a firm: FILED (at), DUE (by the deadline) or MISSED (deadline passed, nothing filed). */
    public record ReportDue(String state, Instant deadline, Instant filedAt, boolean late) {
    }

    /** The safety manager's queue. {@code plan} is a PlanStatus name or null when no plan was filed. */
    public record Manager(String firmName, ReportDue report, String plan, int planVersion, long batchesWaiting,
                          long batchesDecided, long passesWaiting, long passesDecided, long problemsToConfirm,
                          long problemsOpen) {
    }

    /** The liaison's queue: firms that have not reported today (with their phone), and what waits for a decision. */
    public record Liaison(List<Board.Row> silent, long pending, long missing, long plans, long batches, long passes,
                          long overdueProblems) {
    }

    /**
     * The analyst's headline figures of today, across all parks, and what changed since the previous day
     * ({@code previousDay} null, {@code changes} empty when there is nothing to compare).
     */
    public record Analyst(long firms, long reported, long pending, long missing, long abnormal, long late,
                          long plansWaiting, long overdueProblems, Instant at, LocalDate previousDay, List<Change> changes) {
    }

    /**
     * One figure today (so far) and on the previous day (closed): {@code key} is the bundle key of its name
     * ({@code board.reported}, ...). {@code delta} as shown: "+3", "−2" or "±0".
     */
    public record Change(String key, long today, long before) {
        public String delta() {
            long d = today - before;
            return d > 0 ? "+" + d : d < 0 ? "−" + (-d) : "±0";
        }

        /** More of a bad thing (missing, abnormal, late) or fewer reports: shown in the warning colour. */
        public boolean worse() {
            return "board.reported".equals(key) ? today < before : today > before;
        }
    }

    /** The administrator's set-up checklist and the accounts locked after failed sign-ins. */
    public record Admin(long districts, long parks, long firms, long firmsWithoutManager, long liaisons, long guards,
                        long signingKeys, List<Locked> locked) {
    }

    public record Locked(String username, String displayName, Instant until) {
    }
}
