package cn.loopgate.account;

import cn.loopgate.shared.DomainException.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules every password a person chooses must meet (set-up, activation, change): 10 to 200 characters,
 * at least one letter and one digit, not containing the username. Stated on every page that asks for one
 * ({@code password.rules}). Length beats composition (NIST SP 800-63B), so the rules stay few; the
 * lock-out after repeated failures does the rest.
 */
public final class PasswordRules {

    public static final int MIN = 10;
    public static final int MAX = 200;

    private PasswordRules() {
    }

    /** The errors of this password for this user, on {@code field}; empty when it is acceptable. */
    public static List<FieldError> check(String field, String password, String username) {
        List<FieldError> errors = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            errors.add(new FieldError(field, "validation.required"));
            return errors;
        }
        boolean letter = password.codePoints().anyMatch(Character::isLetter);
        boolean digit = password.codePoints().anyMatch(Character::isDigit);
        boolean containsName = username != null && username.length() >= 3
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT));
        if (password.length() < MIN || password.length() > MAX || !letter || !digit || containsName) {
            errors.add(new FieldError(field, "validation.passwordRules", MIN, MAX));
        }
        return errors;
    }
}
