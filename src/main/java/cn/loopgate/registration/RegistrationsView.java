package cn.loopgate.registration;

import cn.loopgate.shared.web.FacesSupport;
import cn.loopgate.shared.web.PageModel;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/**
 * The parks' queue of self-registrations (registrations.xhtml): filter by status, open one (also by
 * {@code ?id=} from the notification), see the licence scan and the duplicates, confirm or refuse with a reason.
 */
@Named
@ViewScoped
public class RegistrationsView implements Serializable {

    @Inject
    RegistrationService registrations;

    private RegistrationStatus status = RegistrationStatus.PENDING;
    private PageModel<RegistrationRow> model;
    private RegistrationDetail selected;
    private String reason;

    @PostConstruct
    void init() {
        String id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
        if (id != null && id.matches("\\d{1,18}")) {
            open(Long.parseLong(id));
        }
    }

    public PageModel<RegistrationRow> getModel() {
        if (model == null) {
            RegistrationStatus s = status;
            model = new PageModel<>((first, size) -> registrations.list(s, first, size), row -> String.valueOf(row.id()));
        }
        return model;
    }

    /** A new filter: the table reloads from its first page. */
    public void filter() {
        model = null;
    }

    public void open(long id) {
        selected = FacesSupport.attempt(() -> registrations.get(id));
        reason = null;
    }

    public void close() {
        selected = null;
    }

    public void confirm() {
        long id = selected.id();
        RegistrationDetail d = FacesSupport.attempt(() -> registrations.confirm(id));
        if (d != null) {
            selected = d;
            model = null;
            FacesSupport.info("registrations.confirmed", d.name(), d.username());
        }
    }

    public void refuse() {
        long id = selected.id();
        String why = reason;
        RegistrationDetail d = FacesSupport.attempt(() -> registrations.refuse(id, why));
        if (d != null) {
            selected = d;
            model = null;
            FacesSupport.info("registrations.refused", d.name());
        }
    }

    public RegistrationStatus[] getStatuses() { return RegistrationStatus.values(); }
    public RegistrationStatus getStatus() { return status; }
    public void setStatus(RegistrationStatus v) { status = v; }
    public RegistrationDetail getSelected() { return selected; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
}
