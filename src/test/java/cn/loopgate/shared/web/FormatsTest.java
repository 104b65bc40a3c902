package cn.loopgate.shared.web;

import cn.loopgate.shared.Messages;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");

    @Test
    void deadlinesReadAsDurations() {
        assertEquals("2 小时后截止", Formats.relative(NOW, NOW.plus(Duration.ofMinutes(150)), Messages.DEFAULT_LOCALE));
        assertEquals("已超时 5 分钟", Formats.relative(NOW, NOW.minus(Duration.ofMinutes(5)), Messages.DEFAULT_LOCALE));
        assertEquals("3 天后截止", Formats.relative(NOW, NOW.plus(Duration.ofDays(3)), Messages.DEFAULT_LOCALE));
        assertEquals("due in 2 h", Formats.relative(NOW, NOW.plus(Duration.ofHours(2)), Messages.ENGLISH));
    }

    @Test
    void instantsShowInChinaStandardTime() {
        assertEquals("2026-12-05 00:35", new Formats().time(Instant.parse("2026-12-04T16:35:50.862665Z")));
    }
}
