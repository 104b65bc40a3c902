package cn.loopgate.notification;

import cn.loopgate.shared.Messages;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** The caller's messages (notifications.xhtml). */
@Named
@RequestScoped
public class NotificationsView {

    @Inject
    NotificationService notifications;

    private List<Notification> list;

    public List<Notification> getList() {
        if (list == null) {
            list = notifications.inbox(100);
        }
        return list;
    }

    public String text(Notification n) {
        return Messages.get(FacesSupport.locale(), n.getMessageKey(), n.argArray());
    }

    public void markAllRead() {
        notifications.markAllRead();
        list = null;
    }
}
