package cn.loopgate.permit;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Makes sure a signing key exists (or the configured one is active) when the portal starts, so a
 * misconfigured key stops the start instead of the first print. Nodes starting together are safe:
 * {@link SigningKeys} takes an advisory lock.
 */
@Singleton
@Startup
@DependsOn("Database")
public class SigningKeyStartup {

    @Inject
    SigningKeys keys;

    @PostConstruct
    void ensureKey() {
        keys.active();
    }
}
