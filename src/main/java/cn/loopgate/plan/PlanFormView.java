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
    private ResumptionPlan plan;
    private List<PlanVersion> versions = List.of();
    private List<PlanCondition> conditions = List.of();
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
        if (plan != null && plan.getStatus() == PlanStatus.RETURNED) {
            PlanData d = current().data();
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
        List<ResumptionPlan> all = plans.ofFirm(firmId);
        plan = all.isEmpty() ? null : all.get(0);
        versions = plan == null ? List.of() : plans.versions(plan.getId());
        conditions = plan == null ? List.of() : plans.conditions(plan.getId());
        Permit certificate = plan == null || plan.getPermitId() == null ? null : permits.get(plan.getPermitId());
        certificateNumber = certificate == null ? null : certificate.getNumber();
        certificateValidity = certificate == null ? null
                : Validity.of(certificate.getValidFrom(), certificate.getValidTo(), firms.get(firmId).getPark().zone()).range(FacesSupport.locale());
        // a revoked or replaced certificate is not offered for printing (the service would refuse it: 409)
        certificatePrintable = certificate != null && certificate.getStatus() == Permit.Status.ACTIVE;
    }

    /** The form shows when there is no plan, or the last one was returned or rejected. */
    public boolean isEditable() {
        return plan == null || plan.getStatus() == PlanStatus.RETURNED || plan.getStatus() == PlanStatus.REJECTED;
    }

    public boolean isRefiling() {
        return plan != null && plan.getStatus() == PlanStatus.RETURNED;
    }

    public PlanVersion current() {
        return versions.isEmpty() ? null : versions.get(versions.size() - 1);
    }

    /** The liaison's comments on the current version, by section name. */
    public Map<String, String> getComments() {
        PlanVersion v = current();
        return v == null || plan.getStatus() != PlanStatus.RETURNED ? Map.of() : v.getComments();
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
        Long planId = isRefiling() ? plan.getId() : null;
        byte[] b = bytes;
        String n = name;
        if (FacesSupport.attempt(() -> plans.submit(firmId, planId, d, n, b)) != null) {
            FacesSupport.info("common.saved");
            load();
        }
    }

    public ResumptionPlan getPlan() { return plan; }
    public List<PlanVersion> getVersions() { return versions; }
    public List<PlanCondition> getConditions() { return conditions; }
    public String getCertificateNumber() { return certificateNumber; }
    public String getCertificateValidity() { return certificateValidity; }
    public boolean isCertificatePrintable() { return certificatePrintable; }

    /** The resumption certificate (A4) as a PDF. */
    public StreamedContent certificate() {
        return plan == null || plan.getPermitId() == null ? null
                : PermitDownload.of(FacesSupport.attempt(() -> documents.one(plan.getPermitId())));
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
