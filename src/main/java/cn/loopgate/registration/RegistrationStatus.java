package cn.loopgate.registration;

/** Where a firm's self-registration stands: waiting for the park, confirmed (firm and account made) or refused. */
public enum RegistrationStatus {
    PENDING, CONFIRMED, REFUSED
}
