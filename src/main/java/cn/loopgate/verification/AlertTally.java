package cn.loopgate.verification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gate alerts counted in memory until the next flush: one entry per group (who is told, the gate, the kind),
 * however many scans raise it. A scan only counts (a map update, no database, no lock beyond the entry's own),
 * so a storm of forged or revoked scans costs the gate almost nothing; {@link GateAlerts#flush} writes one
 * counted notification per group.
 * <p>
 * Bounded: at most {@link #maxGroups} groups wait at a time. A scan that would open a group beyond that is
 * counted in one overflow group per kind, told to the administrators (the gate is then named "*"), so memory
 * stays bounded whatever arrives and no event goes uncounted.
 */
final class AlertTally {

    /**
     * Whose alert it is: a park's liaison officers ({@code parkId}) or, when null, the administrators; for a FEVER
     * also the managers of the firm ({@code firmId}).
     */
    record Group(Verdict kind, Long parkId, Long gateId, String gate, Long firmId) {

        Group(Verdict kind, Long parkId, Long gateId, String gate) {
            this(kind, parkId, gateId, gate, null);
        }
    }

    /** What a flush writes for a group: how many events, and the details of the latest one. */
    record Count(Group group, int events, String permitNumber, String firmName) {
    }

    /** Mutated only inside the map's per-key {@code compute}, so plain fields suffice. */
    private static final class Tally {
        int events;
        String permitNumber;
        String firmName;
    }

    static final String OVERFLOW_GATE = "*";

    private final int maxGroups;
    private final Map<Group, Tally> pending = new ConcurrentHashMap<>();

    AlertTally(int maxGroups) {
        this.maxGroups = maxGroups;
    }

    void count(Group group, String permitNumber, String firmName) {
        Group g = pending.size() >= maxGroups && !pending.containsKey(group)
                ? new Group(group.kind(), null, null, OVERFLOW_GATE) : group;
        pending.compute(g, (k, t) -> {
            Tally tally = t == null ? new Tally() : t;
            tally.events = tally.events == Integer.MAX_VALUE ? Integer.MAX_VALUE : tally.events + 1;
            tally.permitNumber = permitNumber;
            tally.firmName = firmName;
            return tally;
        });
    }

    /**
     * Takes every waiting group out. Each is removed atomically, so a scan counted meanwhile opens a fresh entry
     * for the next flush: nothing is counted twice or lost.
     */
    List<Count> drain() {
        List<Count> out = new ArrayList<>();
        for (Group g : List.copyOf(pending.keySet())) {
            Tally t = pending.remove(g);
            if (t != null) {
                out.add(new Count(g, t.events, t.permitNumber, t.firmName));
            }
        }
        return out;
    }

    /** Puts counts back that could not be written (database away), unless that would exceed the bound. */
    void restore(List<Count> counts) {
        for (Count c : counts) {
            Group g = pending.size() >= maxGroups && !pending.containsKey(c.group())
                    ? new Group(c.group().kind(), null, null, OVERFLOW_GATE) : c.group();
            pending.compute(g, (k, t) -> {
                Tally tally = t == null ? new Tally() : t;
                tally.events = (int) Math.min(Integer.MAX_VALUE, (long) tally.events + c.events());
                if (tally.permitNumber == null) {
                    tally.permitNumber = c.permitNumber();
                    tally.firmName = c.firmName();
                }
                return tally;
            });
        }
    }

    int groups() {
        return pending.size();
    }
}
