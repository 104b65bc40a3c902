package cn.loopgate.report;

import cn.loopgate.firm.FirmService;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/** The firm manager's daily report page (firm/reports.xhtml): zero-report, full report, history. */
@Named
@ViewScoped
public class ReportFormView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ReportService reports;
    @Inject
    FirmService firms;

    private long firmId;
    private LocalDate today;
    private String deadline;
    private DailyReport todays;
    private List<DailyReport> history = List.of();
    private ReportForm form = new ReportForm();


    @PostConstruct
    void init() {
        firmId = firms.own().getId();
        deadline = String.valueOf(firms.own().getPark().getReportDeadline());
        load();
        ReportFacts f = todays != null ? todays.facts() : reports.zeroFacts(firmId);
        form = ReportForm.of(f);
    }

    private void load() {
        today = reports.todayOf(firmId);
        todays = reports.today(firmId);
        history = reports.history(firmId, null, null, 0, 30).items();
    }

    public void zero() {
        if (FacesSupport.attempt(() -> reports.fileZero(firmId)) != null) {
            FacesSupport.info("common.saved");
            load();
        }
    }

    public void file() {
        ReportFacts f = form.facts();
        if (FacesSupport.attempt(() -> reports.file(firmId, null, f)) != null) {
            FacesSupport.info("common.saved");
            load();
        }
    }

    public ProductionStatus[] getStatuses() { return ProductionStatus.values(); }
    public LocalDate getToday() { return today; }
    public String getDeadline() { return deadline; }
    public DailyReport getTodays() { return todays; }
    public ReportForm getForm() { return form; }
    public List<DailyReport> getHistory() { return history; }
}
