package cn.loopgate.home;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The home page (index.xhtml): the caller's work queue, loaded once per request. A guard has no queue:
 * the page sends them straight to scanning.
 */
@Named
@RequestScoped
public class HomeView {

    @Inject
    HomeService home;
    @Inject
    AccessPolicy access;

    private Home.Manager manager;
    private Home.Liaison liaison;
    private Home.Analyst analyst;
    private Home.Admin admin;

    @PostConstruct
    void load() {
        Caller c = access.caller();
        if (c.is(Role.FIRM_MANAGER) && c.firmId() != null) {
            manager = home.manager();
        } else if (c.is(Role.LIAISON)) {
            liaison = home.liaison();
        } else if (c.is(Role.ANALYST)) {
            analyst = home.analyst();
        } else if (c.is(Role.ADMIN)) {
            admin = home.admin();
            analyst = home.analyst();
        }
    }

    /** A view action: guards go to the gate page at once. */
    public String start() {
        return access.caller().is(Role.GUARD) ? "/gate/verify?faces-redirect=true" : null;
    }

    public Home.Manager getManager() { return manager; }
    public Home.Liaison getLiaison() { return liaison; }
    public Home.Analyst getAnalyst() { return analyst; }
    public Home.Admin getAdmin() { return admin; }
}
