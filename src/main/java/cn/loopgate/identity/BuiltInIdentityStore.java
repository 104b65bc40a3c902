package cn.loopgate.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Set;

/** Jakarta Security identity store over the built-in users: the caller's groups are their role. */
@ApplicationScoped
public class BuiltInIdentityStore implements IdentityStore {

    @Inject
    UserDirectory directory;
    @Inject
    Passwords passwords;

    private static String source() {
        String address = LoginThrottle.SOURCE.get();
        return address == null ? "unknown" : address;
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential upc)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String username = upc.getCaller();
        if (username == null || username.isBlank() || username.length() > 64 || upc.getPasswordAsString().length() > 200) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        String password = upc.getPasswordAsString();
        if (!passwords.remembered(username, password) && passwords.verify(username, password, source()) != Passwords.Check.VALID) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        Caller caller = directory.resolve(username);
        if (caller.role() == null) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(username, Set.of(caller.role().group()));
    }
}
