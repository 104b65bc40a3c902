package cn.loopgate.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock of the application. Deadlines, expiry and time limits all read it, so that tests can
 * move time forward instead of sleeping. Moving it is possible only when
 * {@code loopgate.test.clock-control=true}, which no production configuration sets.
 */
@ApplicationScoped
public class ClockProducer {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Inject
    @ConfigProperty(name = "loopgate.test.clock-control", defaultValue = "false")
    boolean controllable;

    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.offset(Clock.system(zone), offset.get());
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    };

    @Produces
    public Clock clock() {
        return clock;
    }

    public boolean isControllable() {
        return controllable;
    }

    /** Moves the clock so that it reads {@code now}; refused unless clock control is configured. */
    public void setNow(Instant now) {
        if (!controllable) {
            throw new IllegalStateException("clock control is off");
        }
        offset.set(Duration.between(Instant.now(), now));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }
}
