package cn.loopgate.account;

/** An activation or reset link used: its token, and the password the person chooses ({@link PasswordRules}). */
public record Activation(String token, String newPassword) {
}
