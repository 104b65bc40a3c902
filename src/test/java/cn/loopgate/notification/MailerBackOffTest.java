package cn.loopgate.notification;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The waits between mail retries: the configured first delay, doubling, never beyond the cap. */
class MailerBackOffTest {

    @Test
    void doublesFromTheFirstDelayUpToTheCap() {
        assertEquals(5, Mailer.backOff(1, 5, 900));
        assertEquals(10, Mailer.backOff(2, 5, 900));
        assertEquals(640, Mailer.backOff(8, 5, 900));
        assertEquals(900, Mailer.backOff(9, 5, 900));
        assertEquals(900, Mailer.backOff(60, 5, 900), "no overflow however many attempts");
    }

    @Test
    void neverZero() {
        assertEquals(1, Mailer.backOff(1, 0, 0));
    }

    @Test
    void theDefaultsKeepTryingForAboutAnHourAndAHalf() {
        long total = 0;
        for (int failed = 1; failed < 14; failed++) {
            total += Mailer.backOff(failed, 5, 900);
        }
        assertEquals(5775, total);
    }
}
