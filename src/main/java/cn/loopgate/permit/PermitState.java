package cn.loopgate.permit;

/** What a gate sees when it checks a permit at a given moment. */
public enum PermitState {
    VALID, EXPIRED, NOT_YET_VALID, REVOKED, SUSPENDED
}
