package cn.loopgate.account;

import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Matches;
import cn.loopgate.shared.validation.Required;

/**
 * The first administrator, as the set-up page or {@code POST /api/v1/public/setup} sends it: the one-time
 * token from the log, and the account. The password follows {@link PasswordRules}.
 */
public record SetupData(
        @Required @Length(max = 100) String token,
        @Required @Matches(regexp = "[a-zA-Z0-9._-]{3,64}", message = "{validation.username}") String username,
        @Required @Length(max = 100) String displayName,
        @Matches(regexp = Matches.EMAIL, message = "{validation.email}") @Length(max = 200) String email,
        String password) {

    public SetupData normalized() {
        return new SetupData(token == null ? null : token.strip(), username == null ? null : username.strip(),
                displayName == null ? null : displayName.strip(), email == null || email.isBlank() ? null : email.strip(),
                password);
    }
}
