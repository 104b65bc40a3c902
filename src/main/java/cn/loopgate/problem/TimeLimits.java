package cn.loopgate.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Time limits per urgency, from MicroProfile Config (environment variables work too, e.g.
 * {@code LOOPGATE_PROBLEM_URGENT_ACKNOWLEDGE_HOURS}). Defaults: urgent 2 h / 24 h, high 4 h / 48 h,
 * normal 8 h / 72 h (acknowledge / resolve).
 */
@ApplicationScoped
public class TimeLimits {

    @Inject
    @ConfigProperty(name = "loopgate.problem.urgent.acknowledge-hours", defaultValue = "2")
    int urgentAck;
    @Inject
    @ConfigProperty(name = "loopgate.problem.urgent.resolve-hours", defaultValue = "24")
    int urgentResolve;
    @Inject
    @ConfigProperty(name = "loopgate.problem.high.acknowledge-hours", defaultValue = "4")
    int highAck;
    @Inject
    @ConfigProperty(name = "loopgate.problem.high.resolve-hours", defaultValue = "48")
    int highResolve;
    @Inject
    @ConfigProperty(name = "loopgate.problem.normal.acknowledge-hours", defaultValue = "8")
    int normalAck;
    @Inject
    @ConfigProperty(name = "loopgate.problem.normal.resolve-hours", defaultValue = "72")
    int normalResolve;

    public Duration acknowledgeWithin(Urgency u) {
        return Duration.ofHours(switch (u) {
            case URGENT -> urgentAck;
            case HIGH -> highAck;
            case NORMAL -> normalAck;
        });
    }

    public Duration resolveWithin(Urgency u) {
        return Duration.ofHours(switch (u) {
            case URGENT -> urgentResolve;
            case HIGH -> highResolve;
            case NORMAL -> normalResolve;
        });
    }
}
