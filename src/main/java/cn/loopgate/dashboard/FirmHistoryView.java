package cn.loopgate.dashboard;

import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.StreamedContent;

import java.io.Serializable;
import java.util.List;

/** One firm day by day over the last 30 days (bureau/firm.xhtml), as the figures counted it. */
@Named
@ViewScoped
public class FirmHistoryView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient DashboardService dashboard;

    private Long firm;
    private List<FirmDay> days = List.of();

    @PostConstruct
    void init() {
        String id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("firm");
        try {
            firm = id == null ? null : Long.valueOf(id);
        } catch (NumberFormatException e) {
            firm = null;
        }
        load();
    }

    public void load() {
        if (firm != null) {
            FacesSupport.attempt(() -> days = dashboard.history(firm, null, null, FacesSupport.locale()));
        }
    }

    public String getName() {
        return days.isEmpty() ? "" : days.get(0).name();
    }

    public StreamedContent getExcel() {
        return DashboardView.download("firm-" + firm + ".xlsx", ExcelExport.CONTENT_TYPE,
                () -> ExcelExport.firms(days, FacesSupport.locale()));
    }

    public List<FirmDay> getDays() { return days; }
    public Long getFirm() { return firm; }
    public void setFirm(Long firm) { this.firm = firm; }
}
