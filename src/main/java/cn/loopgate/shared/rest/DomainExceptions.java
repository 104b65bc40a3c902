package cn.loopgate.shared.rest;

import cn.loopgate.shared.DomainException;
import jakarta.persistence.OptimisticLockException;

/** Finds the business cause inside the wrappers a container adds (transactions, EJB, EL). */
public final class DomainExceptions {

    private DomainExceptions() {
    }

    public static DomainException unwrap(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException d) {
                return d;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    public static boolean isOptimisticLock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException
                    || t.getClass().getName().endsWith("OptimisticLockException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The database cannot be reached (connection refused or lost, pool cannot allocate): a passing outage
     * the caller should retry, not a bug. SQL state class 08 is "connection exception".
     */
    public static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException
                    || (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
                    || t.getClass().getName().endsWith("ResourceAllocationException")
                    || String.valueOf(t.getMessage()).contains("Error in allocating a connection")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
