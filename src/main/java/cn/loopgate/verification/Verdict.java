package cn.loopgate.verification;

import cn.loopgate.permit.PermitState;

/**
 * What the guard is shown: a permit's state, FORGED when the code is not one Loopgate signed, WRONG_PARK for
 * a genuine permit of another park at a gate whose park does not admit it. REFUSED is never shown: it marks
 * a call the gate answered 400 (no gate of the guard's, no QR text), which the scan log keeps too. The person behind a
 * valid permit is checked too (一扫四查, issue 20): TEST_OVERDUE, POSITIVE and FEVER (health.HealthRules).
 */
public enum Verdict {
    VALID, EXPIRED, NOT_YET_VALID, REVOKED, SUSPENDED, FORGED, WRONG_PARK, REFUSED,
    /** A valid card whose holder has no negative test within the park's interval, where the policy refuses. */
    TEST_OVERDUE,
    /** A valid card whose holder's newest test result is positive. */
    POSITIVE,
    /** A valid permit whose holder's temperature is at or over the park's fever threshold. */
    FEVER;

    static Verdict of(PermitState s) {
        return valueOf(s.name());
    }

}
