package cn.loopgate.account;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.notification.NotificationService;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The signed-in user as the layout needs it: name, role, what the menu shows. */
@Named("me")
@RequestScoped
public class MeView {

    @Inject
    AccessPolicy access;
    @Inject
    NotificationService notifications;

    private Long unread;

    public Caller getCaller() {
        return access.caller();
    }

    public boolean isSignedIn() {
        return access.caller().role() != null;
    }

    public String getRoleLabel() {
        Role r = access.caller().role();
        return r == null ? "" : FacesSupport.text("role." + r.name());
    }

    public boolean is(String role) {
        Role r = access.caller().role();
        return r != null && r.name().equals(role);
    }

    public boolean isAdmin() {
        return is("ADMIN");
    }

    public boolean isAnalyst() {
        return is("ANALYST");
    }

    public boolean isLiaison() {
        return is("LIAISON");
    }

    /** A liaison officer bound to firms, not parks (issue 18): the park-level pages are not theirs. */
    public boolean isFirmBoundLiaison() {
        return access.caller().isFirmBoundLiaison();
    }

    /** Who assigns firms to liaison officers: administrators and park-wide liaison officers. */
    public boolean isLiaisonAssigner() {
        return isAdmin() || isLiaison() && !isFirmBoundLiaison();
    }

    public boolean isManager() {
        return is("FIRM_MANAGER");
    }

    public boolean isGuard() {
        return is("GUARD");
    }

    public long getUnread() {
        if (unread == null) {
            unread = isSignedIn() ? notifications.unread() : 0L;
        }
        return unread;
    }
}
