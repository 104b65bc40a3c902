package cn.loopgate.notification;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NotificationsViewTest {

    private static final Instant T = Instant.parse("2026-12-04T08:00:00Z");

    private static Notification alert(String gate, String guard, int minutesAgo) {
        return new Notification(1, "GATE_ALERT", "gate.alert.FORGED", gate + "\u001f" + guard, null, T.minusSeconds(60L * minutesAgo));
    }

    @Test
    void repeatedGateAlertsOfOneGateWithinAnHourBecomeOneLine() {
        NotificationsView view = new NotificationsView() {
            @Override
            public String text(Notification n) {
                return n.getMessageKey();
            }
        };
        List<NotificationsView.Group> groups = view.group(List.of(
                alert("东门", "甲", 0), alert("东门", "乙", 10), alert("东门", "甲", 50),
                alert("西门", "甲", 55),
                alert("东门", "甲", 200)));
        assertEquals(3, groups.size(), groups.toString());
        assertEquals(3, groups.get(0).count());
        assertEquals(T.minusSeconds(60L * 50), groups.get(0).oldest());
        assertEquals(1, groups.get(1).count(), "another gate is another line");
        assertEquals(1, groups.get(2).count(), "hours later is news again");
    }
}
