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
    transient ReportService reports;
    @Inject
    transient FirmService firms;

    private Long firmId;
    private String firmName;
    private LocalDate day;
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
            staffOnSite = facts.staffOnSite();
            temperatureChecks = facts.temperatureChecks();
            feverCount = facts.feverCount();
            symptomCount = facts.symptomCount();
            positiveCount = facts.positiveCount();
            isolatedCount = facts.isolatedCount();
            testsDone = facts.testsDone();
            abnormalDetails = facts.abnormalDetails();
            productionStatus = facts.productionStatus();
            capacityPct = facts.capacityPct();
            history = reports.history(firmId, null, null, 0, 14).items();
        });
    }

    public void file() {
        ReportFacts f = new ReportFacts(n(staffOnSite), n(temperatureChecks), n(feverCount), n(symptomCount),
                n(positiveCount), n(isolatedCount), n(testsDone), abnormalDetails, productionStatus, n(capacityPct));
        ReportService.Filed filed = FacesSupport.attempt(() -> reports.fileOnBehalf(firmId, day, f, reason));
        if (filed != null) {
            FacesSupport.info("report.onBehalf.done", firmName, String.valueOf(filed.report().getReportDate()));
            history = reports.history(firmId, null, null, 0, 14).items();
        }
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }

    public ProductionStatus[] getStatuses() { return ProductionStatus.values(); }
    public Long getFirmId() { return firmId; }
    public String getFirmName() { return firmName; }
    public List<DailyReport> getHistory() { return history; }
    public LocalDate getDay() { return day; }
    public void setDay(LocalDate v) { day = v; }
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
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
}
