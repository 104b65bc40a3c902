package cn.loopgate.verification;

import cn.loopgate.permit.PermitState;

/**
 * What the guard is shown: a permit's state, FORGED when the code is not one Loopgate signed, WRONG_PARK for
 * a genuine permit of another park at a gate whose park does not admit it. REFUSED is never shown: it marks
 * a call the gate answered 400 (no gate of the guard's, no QR text), which the scan log keeps too.
 */
public enum Verdict {
    VALID, EXPIRED, NOT_YET_VALID, REVOKED, SUSPENDED, FORGED, WRONG_PARK, REFUSED;

    static Verdict of(PermitState s) {
        return valueOf(s.name());
    }

}
