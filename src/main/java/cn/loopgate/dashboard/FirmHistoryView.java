package cn.loopgate.dashboard;

import cn.loopgate.shared.Messages;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.StreamedContent;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** One firm day by day over the 30 days up to {@code to} (default today) (bureau/firm.xhtml), as the figures counted it. */
@Named
@ViewScoped
public class FirmHistoryView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    DashboardService dashboard;

    private Long firm;
    private LocalDate to;
    private List<FirmDay> days = List.of();

    @PostConstruct
    void init() {
        Map<String, String> q = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        try {
            firm = q.get("firm") == null ? null : Long.valueOf(q.get("firm"));
            to = q.get("to") == null || q.get("to").isBlank() ? null : LocalDate.parse(q.get("to"));
        } catch (NumberFormatException | DateTimeParseException e) {
            firm = null;
        }
        load();
    }

    public void load() {
        if (firm != null) {
            FacesSupport.attempt(() -> days = dashboard.history(firm, null, to, FacesSupport.locale()));
        }
    }

    public String getName() {
        return days.isEmpty() ? "" : days.get(0).name();
    }

    public StreamedContent getExcel() {
        return DashboardView.download("firm-" + firm + ".xlsx", ExcelExport.CONTENT_TYPE,
                () -> ExcelExport.firms(days, Messages.get(FacesSupport.locale(), "dashboard.export.history", getName()),
                        FacesSupport.locale()));
    }

    public List<FirmDay> getDays() { return days; }
    public Long getFirm() { return firm; }
    public void setFirm(Long firm) { this.firm = firm; }
}
