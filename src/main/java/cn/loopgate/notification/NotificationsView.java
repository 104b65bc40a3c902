package cn.loopgate.notification;

import cn.loopgate.shared.Messages;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller's messages (notifications.xhtml): filtered (unread only, one kind), repeated alerts grouped
 * ("卡口 东门 … 12 次"), paged in the table. The newest {@value #LIMIT} matching messages are read.
 */
@Named
@ViewScoped
public class NotificationsView implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int LIMIT = 1000;
    /** Alerts repeated within this window collapse into one line with a count. */
    static final Duration GROUP_WINDOW = Duration.ofHours(1);
    static final List<String> KINDS = List.of("PLAN", "REPORT", "REPORT_REMINDER", "REPORT_ABNORMAL", "CARD_BATCH", "PASS",
            "PERMIT_REVOKED", "SUSPENSION", "PROBLEM", "GATE_ALERT", "HEALTH_INCIDENT", "CARD");

    /** One line of the list: the newest message of a group and how many the group holds. */
    public record Group(Long id, String kind, String text, String link, Instant newest, Instant oldest, int count, boolean unread) implements java.io.Serializable {
    }

    @Inject
    NotificationService notifications;

    private boolean unreadOnly;
    private String kind;
    private List<Group> groups;

    public List<Group> getGroups() {
        if (groups == null) {
            groups = group(notifications.inbox(unreadOnly, kind, LIMIT));
        }
        return groups;
    }

    /** Newest first; a message joins the group above it when it says the same thing within the window. */
    List<Group> group(List<Notification> list) {
        List<Group> out = new ArrayList<>();
        String lastKey = null;
        for (Notification n : list) {
            String key = groupKey(n);
            Group last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && key.equals(lastKey) && Duration.between(n.getCreatedAt(), last.newest()).compareTo(GROUP_WINDOW) <= 0) {
                out.set(out.size() - 1, new Group(last.id(), last.kind(), last.text(), last.link(), last.newest(), n.getCreatedAt(),
                        last.count() + 1, last.unread() || n.getReadAt() == null));
            } else {
                out.add(new Group(n.getId(), n.getKind(), text(n), n.getLink(), n.getCreatedAt(), n.getCreatedAt(), 1, n.getReadAt() == null));
                lastKey = key;
            }
        }
        return out;
    }

    /** Gate alerts group by gate (the guard and permit differ each time); others only when they say the same. */
    static String groupKey(Notification n) {
        Object[] args = n.argArray();
        if ("GATE_ALERT".equals(n.getKind())) {
            return n.getMessageKey() + "|" + (args.length > 0 ? args[0] : "");
        }
        return n.getMessageKey() + "|" + n.getArgs() + "|" + n.getLink();
    }

    public String text(Notification n) {
        return Messages.get(FacesSupport.locale(), n.getMessageKey(), n.argArray());
    }

    public void markAllRead() {
        long before = notifications.unread();
        notifications.markAllRead();
        groups = null;
        FacesSupport.info("notifications.markedRead", before);
    }

    public void filter() {
        groups = null;
    }

    public List<String> getKinds() { return KINDS; }
    public boolean isUnreadOnly() { return unreadOnly; }
    public void setUnreadOnly(boolean v) { unreadOnly = v; }
    public String getKind() { return kind; }
    public void setKind(String v) { kind = v; }
}
