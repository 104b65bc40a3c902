package cn.loopgate.shared.persistence;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionEndTest {

    /** A registry with one transaction whose status the test sets; it ends when the test says so. */
    static final class Registry implements TransactionSynchronizationRegistry {
        int status = Status.STATUS_ACTIVE;
        final List<Synchronization> registered = new ArrayList<>();

        void end(int finalStatus) {
            status = finalStatus;
            registered.forEach(s -> s.afterCompletion(finalStatus));
        }

        @Override public Object getTransactionKey() { return this; }
        @Override public void putResource(Object key, Object value) { }
        @Override public Object getResource(Object key) { return null; }
        @Override public void registerInterposedSynchronization(Synchronization sync) { registered.add(sync); }
        @Override public int getTransactionStatus() { return status; }
        @Override public void setRollbackOnly() { }
        @Override public boolean getRollbackOnly() { return false; }
    }

    @Test
    void forgetsNowAndAgainWhenTheTransactionEndsWhateverItsOutcome() {
        for (int outcome : new int[]{Status.STATUS_COMMITTED, Status.STATUS_ROLLEDBACK}) {
            Registry tx = new Registry();
            int[] runs = {0};
            TransactionEnd.nowAndAtEnd(tx, () -> runs[0]++);
            assertEquals(1, runs[0], "at once");
            tx.end(outcome);
            assertEquals(2, runs[0], "and at the end");
        }
    }

    @Test
    void withoutAnActiveTransactionNothingWaitsForTheEnd() {
        Registry none = new Registry();
        none.status = Status.STATUS_NO_TRANSACTION;
        int[] runs = {0};
        assertFalse(TransactionEnd.afterCompletion(none, s -> runs[0]++));
        TransactionEnd.nowAndAtEnd(none, () -> runs[0]++);
        TransactionEnd.nowAndAtEnd(null, () -> runs[0]++);
        assertEquals(2, runs[0], "each forget ran once, at once");
        assertTrue(none.registered.isEmpty());
    }

    @Test
    void theEndHearsTheFinalStatus() {
        Registry tx = new Registry();
        List<Integer> heard = new ArrayList<>();
        assertTrue(TransactionEnd.afterCompletion(tx, heard::add));
        assertEquals(List.of(), heard);
        tx.end(Status.STATUS_ROLLEDBACK);
        assertEquals(List.of(Status.STATUS_ROLLEDBACK), heard);
    }
}
