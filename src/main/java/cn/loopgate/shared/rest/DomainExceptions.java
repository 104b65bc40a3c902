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
}
