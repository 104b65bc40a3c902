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

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential upc)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String username = upc.getCaller();
        if (username == null || username.isBlank() || username.length() > 64 || upc.getPasswordAsString().length() > 200) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (directory.verify(username, upc.getPasswordAsString()) != UserDirectory.Check.VALID) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        UserAccount user = directory.find(username).orElseThrow();
        return new CredentialValidationResult(username, Set.of(user.getRole().group()));
    }
}
