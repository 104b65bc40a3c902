package cn.loopgate.account;

/** "Forgot my password": the username. The answer is the same whether or not it exists. */
public record ResetRequest(String username) {
}
