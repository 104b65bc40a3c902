package cn.loopgate.home;

import cn.loopgate.report.Board;

import java.time.Instant;
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

    /** The analyst's headline figures of today, across all parks. */
    public record Analyst(long firms, long reported, long pending, long missing, long abnormal, long late,
                          long plansWaiting, long overdueProblems, Instant at) {
    }

    /** The administrator's set-up checklist and the accounts locked after failed sign-ins. */
    public record Admin(long districts, long parks, long firms, long firmsWithoutManager, long liaisons, long guards,
                        long signingKeys, List<Locked> locked) {
    }

    public record Locked(String username, String displayName, Instant until) {
    }
}
