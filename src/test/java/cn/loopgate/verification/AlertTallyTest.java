package cn.loopgate.verification;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertTallyTest {

    static AlertTally.Group forged(long gate) {
        return new AlertTally.Group(Verdict.FORGED, null, gate, "岗" + gate);
    }

    @Test
    void aBurstAtOneGateIsOneGroupWithItsCount() throws Exception {
        AlertTally t = new AlertTally(100);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 10_000; i++) {
            pool.execute(() -> t.count(forged(1), null, null));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        List<AlertTally.Count> drained = t.drain();
        assertEquals(1, drained.size());
        assertEquals(10_000, drained.get(0).events());
        assertEquals(0, t.groups(), "drained");
        assertTrue(t.drain().isEmpty());
    }

    @Test
    void countsDuringADrainAreNeitherLostNorCountedTwice() throws Exception {
        AlertTally t = new AlertTally(100);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 20_000; i++) {
            long gate = i % 3;
            pool.execute(() -> t.count(forged(gate), null, null));
        }
        long seen = 0;
        while (!pool.isTerminated()) {
            pool.shutdown();
            seen += t.drain().stream().mapToInt(AlertTally.Count::events).sum();
        }
        seen += t.drain().stream().mapToInt(AlertTally.Count::events).sum();
        assertEquals(20_000, seen);
    }

    @Test
    void groupsAreBoundedAndTheRestIsCountedInOneOverflowGroupPerKind() {
        AlertTally t = new AlertTally(10);
        for (long gate = 0; gate < 1_000; gate++) {
            t.count(forged(gate), null, null);
            t.count(new AlertTally.Group(Verdict.REVOKED, 7L, gate, "岗"), "CARD-1", "某企业");
        }
        assertTrue(t.groups() <= 12, "10 groups and an overflow group per kind: " + t.groups());
        List<AlertTally.Count> drained = t.drain();
        assertEquals(2_000, drained.stream().mapToInt(AlertTally.Count::events).sum(), "nothing uncounted");
        AlertTally.Count overflow = drained.stream().filter(c -> c.group().gate().equals(AlertTally.OVERFLOW_GATE)
                && c.group().kind() == Verdict.REVOKED).findFirst().orElseThrow();
        assertEquals(null, overflow.group().parkId(), "the overflow goes to the administrators");
        assertEquals("CARD-1", overflow.permitNumber());
    }

    @Test
    void countsThatCouldNotBeWrittenWaitForTheNextFlush() {
        AlertTally t = new AlertTally(10);
        t.count(forged(1), null, null);
        t.count(forged(1), null, null);
        List<AlertTally.Count> failed = t.drain();
        t.count(forged(1), null, null);
        t.restore(failed);
        List<AlertTally.Count> again = t.drain();
        assertEquals(1, again.size());
        assertEquals(3, again.get(0).events());
    }
}
