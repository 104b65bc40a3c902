package cn.loopgate.account;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.logging.Logger;

/**
 * At every start without an administrator (after the schema and any demo data), prints a one-time set-up
 * link to the log: the only place the token ever appears (docs/security.md, "First administrator").
 */
@Singleton
@Startup
@DependsOn({"Database", "DemoData"})
public class FirstAdministratorStartup {

    private static final Logger LOG = Logger.getLogger(FirstAdministratorStartup.class.getName());

    @Inject
    FirstAdministrator setup;
    @Inject
    @ConfigProperty(name = "loopgate.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @PostConstruct
    void announce() {
        setup.issueToken().ifPresent(token -> LOG.warning(() -> "No administrator exists yet. Create the first one within "
                + FirstAdministrator.VALIDITY.toHours() + " hours at " + publicUrl.replaceAll("/+$", "")
                + "/setup.xhtml?token=" + token + " (the token works once; restart to get a new one)."));
    }
}
