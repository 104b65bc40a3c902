package cn.loopgate.verification;

import cn.loopgate.permit.PermitState;

/** What the guard is shown: a permit's state, or FORGED when the code is not one Loopgate signed. */
public enum Verdict {
    VALID, EXPIRED, NOT_YET_VALID, REVOKED, SUSPENDED, FORGED;

    static Verdict of(PermitState s) {
        return valueOf(s.name());
    }

    /** Whether the park's liaison officers are alerted. */
    boolean alerts() {
        return this == REVOKED || this == FORGED;
    }
}
