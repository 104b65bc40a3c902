package cn.loopgate.report;

import java.io.Serializable;

/**
 * The fields of a daily report as a form holds them (empty inputs stay null until filed), shared by the firm's
 * report page ({@link ReportFormView}) and the liaison's 代报 page ({@link OnBehalfView}).
 */
public class ReportForm implements Serializable {

    private static final long serialVersionUID = 1L;

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

    /** A form filled with these facts (today's report, or the zero-report's). */
    static ReportForm of(ReportFacts f) {
        ReportForm form = new ReportForm();
        form.staffOnSite = f.staffOnSite();
        form.temperatureChecks = f.temperatureChecks();
        form.feverCount = f.feverCount();
        form.symptomCount = f.symptomCount();
        form.positiveCount = f.positiveCount();
        form.isolatedCount = f.isolatedCount();
        form.testsDone = f.testsDone();
        form.abnormalDetails = f.abnormalDetails();
        form.productionStatus = f.productionStatus();
        form.capacityPct = f.capacityPct();
        return form;
    }

    /** The facts to file; an empty count is 0. */
    ReportFacts facts() {
        return new ReportFacts(n(staffOnSite), n(temperatureChecks), n(feverCount), n(symptomCount), n(positiveCount),
                n(isolatedCount), n(testsDone), abnormalDetails, productionStatus, n(capacityPct));
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }

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
