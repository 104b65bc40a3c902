package cn.loopgate.identity;

import java.util.Map;

/**
 * A sign-in moment worth the audit trail (a user/address pair locked, an address throttled), fired by
 * {@link UserDirectory} as a CDI event. The kernel imports no feature package, so the audit trail is written
 * by an observer outside it ({@code cn.loopgate.account.SignInAudit}), synchronously, in the same transaction.
 */
public record SignInAlarm(String subjectType, Long userId, String action, Map<String, ?> after, String reason) {
}
