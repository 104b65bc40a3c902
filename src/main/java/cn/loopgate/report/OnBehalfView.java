package cn.loopgate.report;

import cn.loopgate.firm.Firm;
import cn.loopgate.firm.FirmService;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * The liaison officer's 代报 page (liaison/report.xhtml?firm=ID): files or corrects today's (or a recent
 * day's) report for a firm of their park, with a reason; the firm's own history is shown beside it, each
 * version marked by who filed it. Access is decided by {@link ReportService#fileOnBehalf}.
 */
@Named
@ViewScoped
public class OnBehalfView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ReportService reports;
    @Inject
    FirmService firms;

    private Long firmId;
    private String firmName;
    private LocalDate day;
    private List<DailyReport> history = List.of();
    private ReportForm form = new ReportForm();
    private String reason;

    @PostConstruct
    void init() {
        String p = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("firm");
        try {
            firmId = p == null ? null : Long.valueOf(p);
        } catch (NumberFormatException e) {
            firmId = null;
        }
        if (firmId == null) {
            return;
        }
        FacesSupport.attempt(() -> {
            Firm f = firms.get(firmId);
            firmName = f.getName();
            day = reports.todayOf(firmId);
            DailyReport todays = reports.today(firmId);
            ReportFacts facts = todays != null ? todays.facts() : reports.zeroFacts(firmId);
            form = ReportForm.of(facts);
            history = reports.history(firmId, null, null, 0, 14).items();
        });
    }

    public void file() {
        ReportFacts f = form.facts();
        ReportService.Filed filed = FacesSupport.attempt(() -> reports.fileOnBehalf(firmId, day, f, reason));
        if (filed != null) {
            FacesSupport.info("report.onBehalf.done", firmName, String.valueOf(filed.report().getReportDate()));
            history = reports.history(firmId, null, null, 0, 14).items();
        }
    }

    public ProductionStatus[] getStatuses() { return ProductionStatus.values(); }
    public Long getFirmId() { return firmId; }
    public ReportForm getForm() { return form; }
    public String getFirmName() { return firmName; }
    public List<DailyReport> getHistory() { return history; }
    public LocalDate getDay() { return day; }
    public void setDay(LocalDate v) { day = v; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
}
