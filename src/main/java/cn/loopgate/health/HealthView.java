package cn.loopgate.health;

import cn.loopgate.firm.FirmOption;
import cn.loopgate.firm.FirmPicker;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.park.Park;
import cn.loopgate.park.ParkService;
import cn.loopgate.roster.Worker;
import cn.loopgate.roster.WorkerService;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The health page (health.xhtml): a firm's tests and holds (the manager's own firm; liaison officers and analysts
 * pick one), entering a test, the park's health policy with its history, and the incidents with their tracing.
 */
@Named
@ViewScoped
public class HealthView implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int LISTED = 200;

    /** A choice in a menu: id and label. */
    public record Choice(long id, String label) implements Serializable {
    }

    @Inject
    HealthService health;
    @Inject
    OutbreakService outbreak;
    @Inject
    WorkerService workers;
    @Inject
    ParkService parks;
    @Inject
    cn.loopgate.firm.FirmService firms;
    @Inject
    FirmPicker picker;
    @Inject
    AccessPolicy access;
    @Inject
    cn.loopgate.shared.ClockProducer clocks;

    private FirmOption firm;
    private Long parkId;
    private Long incidentId;
    // The test form.
    private Long workerId;
    private LocalDateTime sampledAt;
    private TestResult result;
    private String site;
    // The policy form.
    private Integer intervalHours;
    private HealthRules.OverdueAction overdueAction;
    private BigDecimal feverThreshold;
    private boolean suspendFirm;
    // Texts: an incident's action or closing note, a hold's lifting reason.
    private String text;

    private transient List<HealthTestRow> tests;
    private transient List<HoldRow> holds;
    private transient List<Choice> workerChoices;
    private transient List<Choice> parkChoices;
    private transient PolicyRow policy;
    private transient List<PolicyRow> history;
    private transient List<IncidentRow> incidents;
    private transient IncidentDetail incident;
    private java.time.LocalDate figuresDay;
    private transient HealthFigures figures;

    @PostConstruct
    void init() {
        Caller c = access.caller();
        var params = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        if (c.is(Role.FIRM_MANAGER) && c.firmId() != null) {
            firm = picker.option(c.firmId());
        } else if (params.get("firmId") != null && params.get("firmId").matches("\\d{1,18}")) {
            firm = picker.option(Long.valueOf(params.get("firmId")));
        }
        List<Choice> ps = getParkChoices();
        parkId = c.is(Role.FIRM_MANAGER) && firm != null ? firmPark() : ps.isEmpty() ? null : ps.get(0).id();
        String incident = params.get("incident");
        if (incident != null && incident.matches("\\d{1,18}")) {
            incidentId = Long.valueOf(incident);
            // A link from a notification: show the incident's firm too (tests, holds to lift).
            IncidentDetail d = getIncident();
            if (firm == null && d != null) {
                firm = picker.option(d.firmId());
            }
        }
        loadPolicyForm();
    }

    private Long firmPark() {
        return FacesSupport.attempt(() -> firms.get(firm.id()).getPark().getId());
    }

    public boolean isManager() {
        return access.caller().is(Role.FIRM_MANAGER);
    }

    public boolean isLiaison() {
        return access.caller().is(Role.LIAISON);
    }

    /** Firms and incidents are for managers, liaison officers and analysts; administrators set policies only. */
    public boolean isFirmWork() {
        return access.caller().isAnyOf(Role.FIRM_MANAGER, Role.LIAISON, Role.ANALYST);
    }

    public boolean isSteward() {
        Caller c = access.caller();
        return parkId != null && (c.is(Role.ADMIN) || c.is(Role.LIAISON) && c.parkIds().contains(parkId));
    }

    public void pickFirm() {
        tests = null;
        holds = null;
        workerChoices = null;
    }

    public void pickPark() {
        policy = null;
        history = null;
        figures = null;
        loadPolicyForm();
    }

    public List<HealthTestRow> getTests() {
        if (tests == null) {
            tests = firm == null ? List.of() : orEmpty(FacesSupport.attempt(() -> health.tests(firm.id(), null, 0, LISTED).items()));
        }
        return tests;
    }

    public List<HoldRow> getHolds() {
        if (holds == null) {
            holds = firm == null ? List.of() : orEmpty(FacesSupport.attempt(() -> outbreak.holds(firm.id())));
        }
        return holds;
    }

    public List<Choice> getWorkerChoices() {
        if (workerChoices == null) {
            workerChoices = firm == null || !access.caller().isAnyOf(Role.FIRM_MANAGER, Role.LIAISON) ? List.of()
                    : orEmpty(FacesSupport.attempt(() -> workers.list(firm.id(), new WorkerService.Filter(null, Worker.Status.ACTIVE), 0, 1000)
                    .items().stream().map(w -> new Choice(w.getId(), w.getName() + " · " + cn.loopgate.shared.Masking.residentId(w.getResidentId())))
                    .toList()));
        }
        return workerChoices;
    }

    public void record() {
        if (firm == null) {
            return;
        }
        ZoneId zone = zone();
        HealthTestRow r = FacesSupport.attempt(() -> health.record(firm.id(), new HealthTestData(workerId, null,
                sampledAt == null ? null : sampledAt.atZone(zone).toInstant(), result, site), HealthTest.Source.MANUAL));
        if (r != null) {
            workerId = null;
            sampledAt = null;
            result = null;
            site = null;
            tests = null;
            holds = null;
            incidents = null;
            FacesSupport.info("health.saved");
        }
    }

    public void lift(long holdId) {
        if (FacesSupport.attempt(() -> outbreak.lift(holdId, new IncidentData(text, null))) != null) {
            text = null;
            holds = null;
            incident = null;
            FacesSupport.info("health.lifted");
        }
    }

    public List<Choice> getParkChoices() {
        if (parkChoices == null) {
            Caller c = access.caller();
            List<Park> all = orEmpty(FacesSupport.attempt(() -> parks.parks()));
            parkChoices = all.stream().filter(p -> !c.is(Role.LIAISON) || c.parkIds().contains(p.getId()))
                    .map(p -> new Choice(p.getId(), p.getName())).toList();
        }
        return parkChoices;
    }

    public PolicyRow getPolicy() {
        if (policy == null && parkId != null) {
            policy = FacesSupport.attempt(() -> health.policy(parkId));
        }
        return policy;
    }

    public List<PolicyRow> getHistory() {
        if (history == null) {
            history = parkId == null ? List.of() : orEmpty(FacesSupport.attempt(() -> health.policyHistory(parkId)));
        }
        return history;
    }

    private void loadPolicyForm() {
        PolicyRow p = getPolicy();
        if (p != null) {
            intervalHours = p.testIntervalHours();
            overdueAction = p.overdueAction();
            feverThreshold = p.feverThreshold();
            suspendFirm = p.suspendFirm();
        }
    }

    public void savePolicy() {
        if (parkId == null) {
            return;
        }
        PolicyRow p = FacesSupport.attempt(() -> health.setPolicy(parkId, new PolicyData(intervalHours, overdueAction, feverThreshold, suspendFirm)));
        if (p != null) {
            policy = p;
            history = null;
            FacesSupport.info("health.policySaved");
        }
    }

    /** The park's figures: administrators, analysts and liaison officers (managers see their own firm's records). */
    public boolean isFiguresShown() {
        return access.caller().isAnyOf(Role.ADMIN, Role.ANALYST, Role.LIAISON);
    }

    public HealthFigures getFigures() {
        if (figures == null && parkId != null && isFiguresShown()) {
            figures = FacesSupport.attempt(() -> health.figures(parkId, figuresDay));
        }
        return figures;
    }

    public void pickDay() {
        figures = null;
    }

    public java.time.LocalDate getFiguresDay() { return figuresDay; }
    public void setFiguresDay(java.time.LocalDate v) { figuresDay = v; }

    public List<IncidentRow> getIncidents() {
        if (incidents == null) {
            incidents = isFirmWork() ? orEmpty(FacesSupport.attempt(() -> outbreak.incidents(null))) : List.of();
        }
        return incidents;
    }

    public IncidentDetail getIncident() {
        if (incident == null && incidentId != null) {
            incident = FacesSupport.attempt(() -> outbreak.incident(incidentId));
        }
        return incident;
    }

    public void open(long id) {
        incidentId = id;
        incident = null;
        text = null;
    }

    public void acknowledge() {
        after(FacesSupport.attempt(() -> outbreak.acknowledge(incidentId, null)));
    }

    public void act() {
        after(FacesSupport.attempt(() -> outbreak.act(incidentId, new IncidentData(text, null))));
    }

    public void close() {
        after(FacesSupport.attempt(() -> outbreak.close(incidentId, new IncidentData(text, null))));
    }

    private void after(IncidentDetail d) {
        if (d != null) {
            incident = d;
            incidents = null;
            text = null;
        }
    }

    private ZoneId zone() {
        return parkId == null ? ZoneId.of("Asia/Shanghai") : FacesSupport.attempt(() -> parks.park(parkId).zone());
    }

    public LocalDateTime getNow() {
        return LocalDateTime.now(clocks.clock().withZone(zone()));
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    public TestResult[] getResults() { return TestResult.values(); }
    public HealthRules.OverdueAction[] getOverdueActions() { return HealthRules.OverdueAction.values(); }
    public FirmOption getFirm() { return firm; }
    public void setFirm(FirmOption v) { firm = v; }
    public Long getParkId() { return parkId; }
    public void setParkId(Long v) { parkId = v; }
    public Long getIncidentId() { return incidentId; }
    public Long getWorkerId() { return workerId; }
    public void setWorkerId(Long v) { workerId = v; }
    public LocalDateTime getSampledAt() { return sampledAt; }
    public void setSampledAt(LocalDateTime v) { sampledAt = v; }
    public TestResult getResult() { return result; }
    public void setResult(TestResult v) { result = v; }
    public String getSite() { return site; }
    public void setSite(String v) { site = v; }
    public Integer getIntervalHours() { return intervalHours; }
    public void setIntervalHours(Integer v) { intervalHours = v; }
    public HealthRules.OverdueAction getOverdueAction() { return overdueAction; }
    public void setOverdueAction(HealthRules.OverdueAction v) { overdueAction = v; }
    public BigDecimal getFeverThreshold() { return feverThreshold; }
    public void setFeverThreshold(BigDecimal v) { feverThreshold = v; }
    public boolean isSuspendFirm() { return suspendFirm; }
    public void setSuspendFirm(boolean v) { suspendFirm = v; }
    public String getText() { return text; }
    public void setText(String v) { text = v; }
}
