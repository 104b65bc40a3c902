package cn.loopgate.ops;

import cn.loopgate.shared.persistence.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * MicroProfile Health: alive while the JVM serves requests; ready only while the database answers,
 * so a load balancer stops sending traffic to a node that cannot reach PostgreSQL.
 */
@ApplicationScoped
public class HealthChecks {

    @Resource(lookup = Database.JNDI)
    DataSource dataSource;

    @Produces
    @Liveness
    HealthCheck alive() {
        return () -> HealthCheckResponse.up("loopgate");
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try (Connection c = dataSource.getConnection()) {
                return HealthCheckResponse.named("database").status(c.isValid(2)).build();
            } catch (SQLException e) {
                return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName()).build();
            }
        };
    }
}
