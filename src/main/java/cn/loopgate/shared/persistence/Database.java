package cn.loopgate.shared.persistence;

import cn.loopgate.shared.crypto.PersonalDataCipher;
import cn.loopgate.shared.crypto.PersonalDataKeys;
import cn.loopgate.shared.crypto.ResidentIdEncryption;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The database: a PostgreSQL pool defined from configuration ({@code LOOPGATE_DB_URL},
 * {@code LOOPGATE_DB_USER}, {@code LOOPGATE_DB_PASSWORD}), migrated by Flyway before anything else
 * starts. Flyway takes a PostgreSQL advisory lock, so nodes of a cluster starting together migrate once.
 * Connections are validated before use (at most once every 2 s each), so the pool recovers by itself when
 * the database comes back.
 */
@DataSourceDefinition(
        name = Database.JNDI,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=loopgate.db.url}",
        user = "${MPCONFIG=loopgate.db.user}",
        password = "${MPCONFIG=loopgate.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        maxIdleTime = 300,
        properties = {
                "url=${MPCONFIG=loopgate.db.url}",
                "ApplicationName=loopgate",
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
                // Validating on every checkout loads the validation class under the web class loader's lock
                // and costs a round trip: under load the threads queued on that lock (docs/performance.md).
                "fish.payara.validate-atmost-once-period-in-seconds=2",
                "fish.payara.fail-all-connections=true",
                "fish.payara.max-wait-time-in-millis=10000",
                "fish.payara.statement-timeout-in-seconds=60"
        })
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class Database {

    public static final String JNDI = "java:app/jdbc/loopgate";
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    @Resource(lookup = JNDI)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        // The personal-data keys first: without them the portal refuses to start (external database), and
        // migration 31.2 seals the resident IDs stored in clear with them.
        PersonalDataCipher cipher = PersonalDataKeys.resolve(PersonalDataKeys.settings(ConfigProvider.getConfig()), LOG);
        PersonalDataKeys.install(cipher);
        Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                .dataSource(migrationDataSource())
                .locations("classpath:db/migration")
                .javaMigrations(new ResidentIdEncryption(cipher))
                .load();
        MigrateResult result = flyway.migrate();
        // targetSchemaVersion is null when nothing was applied (a restart): then the current version tells.
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                : flyway.info().current() == null ? "empty" : flyway.info().current().getVersion().getVersion();
        LOG.info(() -> "Database schema at version " + version + " (" + result.migrationsExecuted + " migration(s) applied now)");
    }

    /**
     * Least privilege (docs/deployment.md): with {@code loopgate.db.migration-user} set, Flyway runs as
     * that role (the schema's owner) and the pool's role only reads and writes rows. Without it (the
     * embedded default, one user) the pool migrates.
     */
    private DataSource migrationDataSource() {
        Config c = ConfigProvider.getConfig();
        Optional<String> user = c.getOptionalValue("loopgate.db.migration-user", String.class).filter(u -> !u.isBlank());
        if (user.isEmpty()) {
            return dataSource;
        }
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setURL(c.getValue("loopgate.db.url", String.class));
        owner.setUser(user.get());
        owner.setPassword(c.getOptionalValue("loopgate.db.migration-password", String.class).orElse(""));
        owner.setApplicationName("loopgate-migration");
        return owner;
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
