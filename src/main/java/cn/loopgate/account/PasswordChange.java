package cn.loopgate.account;

/** The signed-in user's own password change: the current one, and the new one ({@link PasswordRules}). */
public record PasswordChange(String currentPassword, String newPassword) {
}
