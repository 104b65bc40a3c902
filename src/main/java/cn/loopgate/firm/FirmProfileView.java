package cn.loopgate.firm;

import cn.loopgate.audit.AuditEntry;
import cn.loopgate.audit.AuditService;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** The firm manager's own firm profile (firm/profile.xhtml) with its change history. */
@Named
@ViewScoped
public class FirmProfileView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    FirmService firms;
    @Inject
    AuditService audit;

    private FirmForm form;
    private FirmView firm;

    @PostConstruct
    void load() {
        Firm f = firms.own();
        form = FirmForm.of(f);
        firm = firms.describe(f);
    }

    public void save() {
        Firm saved = FacesSupport.attempt(() -> firms.update(form.getId(), form.toData()));
        if (saved != null) {
            FacesSupport.info("common.saved");
            form = FirmForm.of(saved);
            firm = firms.describe(saved);
        }
    }

    public List<AuditEntry> getHistory() {
        return audit.historyOf("Firm", form.getId());
    }

    public FirmForm getForm() { return form; }
    public FirmView getFirm() { return firm; }
}
