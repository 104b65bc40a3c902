package cn.loopgate.shared.persistence;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.function.IntConsumer;

/**
 * Work for the end of the current JTA transaction, for node-local memory that must follow what the database
 * holds once a change has committed (caches of callers and credentials, the public lists' change count).
 */
public final class TransactionEnd {

    private TransactionEnd() {
    }

    /**
     * Runs {@code action} when the active transaction ends, with its final {@link Status}; returns false, running
     * nothing, when no transaction is active ({@code registry} may be null outside a container).
     */
    public static boolean afterCompletion(TransactionSynchronizationRegistry registry, IntConsumer action) {
        if (registry == null || registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return false;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.accept(status);
            }
        });
        return true;
    }

    /**
     * Runs {@code forget} now and once more when the active transaction ends (committed or not): a request that
     * read the old state between the two cannot keep it after the change committed.
     */
    public static void nowAndAtEnd(TransactionSynchronizationRegistry registry, Runnable forget) {
        forget.run();
        afterCompletion(registry, status -> forget.run());
    }
}
