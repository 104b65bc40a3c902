package cn.loopgate.plan;

import cn.loopgate.firm.FirmService;
import cn.loopgate.permit.Permit;
import cn.loopgate.permit.PermitDocuments;
import cn.loopgate.permit.PermitDownload;
import cn.loopgate.permit.PermitService;
import cn.loopgate.shared.Validity;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.StreamedContent;
import org.primefaces.model.file.UploadedFile;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The firm manager's plan page (firm/plan.xhtml): file, see comments, refile, see the outcome. */
@Named
@ViewScoped
public class PlanFormView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    PlanService plans;
    @Inject
    FirmService firms;
    @Inject
    PermitService permits;
    @Inject
    PermitDocuments documents;

    private long firmId;
    private PlanDetail plan;
    private String certificateNumber;
    private String certificateValidity;
    private boolean certificatePrintable;

    private LocalDate plannedDate;
    private Integer headcount;
    private String dormitory;
    private String meals;
    private String shuttle;
    private String disinfection;
    private String healthChecks;
    private String emergencyPlan;
    private String officerName;
    private String officerPhone;
    private transient UploadedFile file;

    @PostConstruct
    void init() {
        firmId = firms.own().getId();
        load();
        if (isRefiling()) {
            PlanDetail.Version d = plan.current();
            plannedDate = d.plannedDate();
            headcount = d.headcount();
            dormitory = d.dormitory();
            meals = d.meals();
            shuttle = d.shuttle();
            disinfection = d.disinfection();
            healthChecks = d.healthChecks();
            emergencyPlan = d.emergencyPlan();
            officerName = d.officerName();
            officerPhone = d.officerPhone();
        }
    }

    private void load() {
        plan = plans.latest(firmId);
        Permit certificate = plan == null || plan.permitId() == null ? null : permits.get(plan.permitId());
        certificateNumber = certificate == null ? null : certificate.getNumber();
        certificateValidity = certificate == null ? null
                : Validity.of(certificate.getValidFrom(), certificate.getValidTo(), firms.get(firmId).getPark().zone()).range(FacesSupport.locale());
        // a revoked or replaced certificate is not offered for printing (the service would refuse it: 409)
        certificatePrintable = certificate != null && certificate.getStatus() == Permit.Status.ACTIVE;
    }

    /** The form shows when the firm has filed nothing yet, or the service offers refiling or a fresh filing. */
    public boolean isEditable() {
        return plan == null || plan.can("RESUBMIT") || plan.can("FILE_NEW");
    }

    public boolean isRefiling() {
        return plan != null && plan.can("RESUBMIT");
    }

    /** The liaison's comments on the current version, by section name, while the plan is back with the firm. */
    public Map<String, String> getComments() {
        return isRefiling() ? plan.current().comments() : Map.of();
    }

    public void submit() {
        byte[] bytes = null;
        String name = null;
        if (file != null && file.getSize() > 0) {
            bytes = file.getContent();
            name = file.getFileName();
        }
        PlanData d = new PlanData(plannedDate, headcount, dormitory, meals, shuttle, disinfection, healthChecks,
                emergencyPlan, officerName, officerPhone, null);
        Long planId = isRefiling() ? plan.id() : null;
        byte[] b = bytes;
        String n = name;
        if (FacesSupport.attempt(() -> plans.submit(firmId, planId, d, n, b)) != null) {
            FacesSupport.info("common.saved");
            load();
        }
    }

    public PlanDetail getPlan() { return plan; }
    public List<PlanDetail.Version> getVersions() { return plan == null ? List.of() : plan.versions(); }
    public List<String> getConditions() { return plan == null ? List.of() : plan.conditions(); }
    public String getCertificateNumber() { return certificateNumber; }
    public String getCertificateValidity() { return certificateValidity; }
    public boolean isCertificatePrintable() { return certificatePrintable; }

    /** The resumption certificate (A4) as a PDF. */
    public StreamedContent certificate() {
        return plan == null || plan.permitId() == null ? null
                : PermitDownload.of(FacesSupport.attempt(() -> documents.one(plan.permitId())));
    }
    public PlanSection[] getSections() { return PlanSection.values(); }
    public LocalDate getPlannedDate() { return plannedDate; }
    public void setPlannedDate(LocalDate v) { plannedDate = v; }
    public Integer getHeadcount() { return headcount; }
    public void setHeadcount(Integer v) { headcount = v; }
    public String getDormitory() { return dormitory; }
    public void setDormitory(String v) { dormitory = v; }
    public String getMeals() { return meals; }
    public void setMeals(String v) { meals = v; }
    public String getShuttle() { return shuttle; }
    public void setShuttle(String v) { shuttle = v; }
    public String getDisinfection() { return disinfection; }
    public void setDisinfection(String v) { disinfection = v; }
    public String getHealthChecks() { return healthChecks; }
    public void setHealthChecks(String v) { healthChecks = v; }
    public String getEmergencyPlan() { return emergencyPlan; }
    public void setEmergencyPlan(String v) { emergencyPlan = v; }
    public String getOfficerName() { return officerName; }
    public void setOfficerName(String v) { officerName = v; }
    public String getOfficerPhone() { return officerPhone; }
    public void setOfficerPhone(String v) { officerPhone = v; }
    public UploadedFile getFile() { return file; }
    public void setFile(UploadedFile v) { file = v; }
}
