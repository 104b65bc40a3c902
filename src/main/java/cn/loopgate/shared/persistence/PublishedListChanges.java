package cn.loopgate.shared.persistence;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Entity listener on what the public permit lists are made of (permits, firms, signing keys): counts, on this
 * node, the transactions that changed one of them, once they have committed. A node's in-memory copy of those
 * lists compares this count to tell that it must look at the database's version counter now rather than within
 * the second (other nodes' changes reach it through that counter alone).
 */
public class PublishedListChanges {

    private static final AtomicLong COMMITTED = new AtomicLong();

    /** How many changing transactions have committed on this node so far. */
    public static long committed() {
        return COMMITTED.get();
    }

    @PostPersist
    @PostUpdate
    @PostRemove
    void changed(Object entity) {
        TransactionSynchronizationRegistry tx = registry();
        if (tx == null || tx.getTransactionStatus() != Status.STATUS_ACTIVE) {
            COMMITTED.incrementAndGet();
            return;
        }
        if (tx.getResource(PublishedListChanges.class) != null) {
            return; // one count per transaction is enough
        }
        tx.putResource(PublishedListChanges.class, Boolean.TRUE);
        TransactionEnd.afterCompletion(tx, status -> {
            if (status == Status.STATUS_COMMITTED) {
                COMMITTED.incrementAndGet();
            }
        });
    }

    private static TransactionSynchronizationRegistry registry() {
        try {
            return InitialContext.doLookup("java:comp/TransactionSynchronizationRegistry");
        } catch (NamingException e) {
            return null;
        }
    }
}
