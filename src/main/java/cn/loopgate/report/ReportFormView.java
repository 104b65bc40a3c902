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
    transient ReportService reports;
    @Inject
    transient FirmService firms;

    private long firmId;
    private LocalDate today;
    private String deadline;
    private DailyReport todays;
    private List<DailyReport> history = List.of();

    private Integer staffOnSite;
    private Integer temperatureChecks;
    private Integer feverCount;
    private Integer symptomCount;
    private Integer positiveCount;
    private Integer isolatedCount;
    private Integer testsDone;
    private String abnormalDetails;
    private ProductionStatus productionStatus;
    private Integer capacityPct;

    @PostConstruct
    void init() {
        firmId = firms.own().getId();
        deadline = String.valueOf(firms.own().getPark().getReportDeadline());
        load();
        ReportFacts f = todays != null ? todays.facts() : reports.zeroFacts(firmId);
        staffOnSite = f.staffOnSite();
        temperatureChecks = f.temperatureChecks();
        feverCount = f.feverCount();
        symptomCount = f.symptomCount();
        positiveCount = f.positiveCount();
        isolatedCount = f.isolatedCount();
        testsDone = f.testsDone();
        abnormalDetails = f.abnormalDetails();
        productionStatus = f.productionStatus();
        capacityPct = f.capacityPct();
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
        ReportFacts f = new ReportFacts(n(staffOnSite), n(temperatureChecks), n(feverCount), n(symptomCount), n(positiveCount),
                n(isolatedCount), n(testsDone), abnormalDetails, productionStatus, n(capacityPct));
        if (FacesSupport.attempt(() -> reports.file(firmId, null, f)) != null) {
            FacesSupport.info("common.saved");
            load();
        }
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }

    public ProductionStatus[] getStatuses() { return ProductionStatus.values(); }
    public LocalDate getToday() { return today; }
    public String getDeadline() { return deadline; }
    public DailyReport getTodays() { return todays; }
    public List<DailyReport> getHistory() { return history; }
    public Integer getStaffOnSite() { return staffOnSite; }
    public void setStaffOnSite(Integer v) { staffOnSite = v; }
    public Integer getTemperatureChecks() { return temperatureChecks; }
    public void setTemperatureChecks(Integer v) { temperatureChecks = v; }
    public Integer getFeverCount() { return feverCount; }
    public void setFeverCount(Integer v) { feverCount = v; }
    public Integer getSymptomCount() { return symptomCount; }
    public void setSymptomCount(Integer v) { symptomCount = v; }
    public Integer getPositiveCount() { return positiveCount; }
    public void setPositiveCount(Integer v) { positiveCount = v; }
    public Integer getIsolatedCount() { return isolatedCount; }
    public void setIsolatedCount(Integer v) { isolatedCount = v; }
    public Integer getTestsDone() { return testsDone; }
    public void setTestsDone(Integer v) { testsDone = v; }
    public String getAbnormalDetails() { return abnormalDetails; }
    public void setAbnormalDetails(String v) { abnormalDetails = v; }
    public ProductionStatus getProductionStatus() { return productionStatus; }
    public void setProductionStatus(ProductionStatus v) { productionStatus = v; }
    public Integer getCapacityPct() { return capacityPct; }
    public void setCapacityPct(Integer v) { capacityPct = v; }
}
