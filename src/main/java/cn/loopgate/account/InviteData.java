package cn.loopgate.account;

import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Matches;
import cn.loopgate.shared.validation.MobilePhone;
import cn.loopgate.shared.validation.Required;

/**
 * A firm's manager to invite: no password, which the manager sets through the activation link sent to
 * the mail address or the mobile phone (at least one of them).
 */
public record InviteData(
        @Required @Matches(regexp = "[a-zA-Z0-9._-]{3,64}", message = "{validation.username}") String username,
        @Required @Length(max = 100) String displayName,
        @Matches(regexp = Matches.EMAIL, message = "{validation.email}") @Length(max = 200) String email,
        @MobilePhone String phone) {

    public InviteData normalized() {
        return new InviteData(strip(username), strip(displayName), strip(email), strip(phone));
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
