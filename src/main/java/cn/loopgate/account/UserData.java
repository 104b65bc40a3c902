package cn.loopgate.account;

import cn.loopgate.identity.Role;
import cn.loopgate.shared.validation.Name;
import cn.loopgate.shared.validation.Names;
import cn.loopgate.shared.validation.Required;
import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Matches;

import java.util.Set;

/**
 * A user and their binding, as an administrator creates or changes it. {@code password} is set only
 * when given (built-in login); with Keycloak, passwords live there.
 */
public record UserData(
        @Required @Matches(regexp = "[a-zA-Z0-9._-]{3,64}", message = "{validation.username}") String username,
        @Required @Length(max = 100) @Name String displayName,
        @Required Role role,
        Long firmId,
        Set<Long> parkIds,
        @Matches(regexp = Matches.EMAIL, message = "{validation.email}") @Length(max = 200) String email,
        boolean enabled,
        @Length(min = 8, max = 200, message = "{validation.passwordLength}") String password) {

    public UserData normalized() {
        return new UserData(username == null ? null : username.strip(), Names.normalize(displayName),
                role, firmId, parkIds == null ? Set.of() : parkIds, email == null || email.isBlank() ? null : email.strip(),
                enabled, password == null || password.isEmpty() ? null : password);
    }
}
