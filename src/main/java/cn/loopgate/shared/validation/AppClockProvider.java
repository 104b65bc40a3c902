package cn.loopgate.shared.validation;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.validation.ClockProvider;

import java.time.Clock;

/**
 * The clock Bean Validation uses for "today" (configured in META-INF/validation.xml): the application's
 * injected clock, so a moved test clock also moves what a constraint considers the present. Outside a
 * container (plain unit tests of the constraints) there is no CDI, and the system clock is used.
 */
public class AppClockProvider implements ClockProvider {

    @Override
    public Clock getClock() {
        try {
            return CDI.current().select(Clock.class).get();
        } catch (IllegalStateException | UnsupportedOperationException noContainer) {
            return Clock.systemUTC();
        }
    }
}
