package cn.loopgate.identity;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Set;

/**
 * A user and their binding, as an administrator creates or changes it. {@code password} is set only
 * when given (built-in login); with Keycloak, passwords live there.
 */
public record UserData(
        @NotBlank(message = "{validation.required}") @Pattern(regexp = "[a-zA-Z0-9._-]{3,64}", message = "{validation.username}") String username,
        @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.tooLong}") String displayName,
        @NotNull(message = "{validation.required}") Role role,
        Long firmId,
        Set<Long> parkIds,
        @Email(message = "{validation.email}") @Size(max = 200, message = "{validation.tooLong}") String email,
        boolean enabled,
        @Size(min = 8, max = 200, message = "{validation.passwordLength}") String password) {

    public UserData normalized() {
        return new UserData(username == null ? null : username.strip(), displayName == null ? null : displayName.strip(),
                role, firmId, parkIds == null ? Set.of() : parkIds, email == null || email.isBlank() ? null : email.strip(),
                enabled, password == null || password.isEmpty() ? null : password);
    }
}
