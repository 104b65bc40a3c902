package cn.loopgate.audit;

import cn.loopgate.shared.Messages;
import cn.loopgate.shared.web.Formats;
import cn.loopgate.shared.web.PageModel;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The audit page (audit.xhtml) for administrators and analysts: readable sentences, filters, pages. */
@Named
@ViewScoped
public class AuditView implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The object types the services audit (AuditService.Subject.type). */
    static final List<String> TYPES = List.of("ResumptionPlan", "DailyReport", "CardBatch", "VehiclePass", "Permit",
            "Problem", "Worker", "RosterImport", "Firm", "Park", "District", "User", "SigningKey");
    static final List<String> ACTIONS = List.of("CREATE", "UPDATE", "SUBMIT", "RESUBMIT", "RETURN", "APPROVE", "REJECT",
            "CONDITION", "RESUME", "FILE", "CORRECT", "REOPEN", "REMIND_MISSING", "APPLY", "REVIEW", "ISSUE", "REVOKE",
            "REISSUE", "REPLACE", "ROTATE", "LEAVE", "CHECK", "IMPORT", "RAISE", "ACKNOWLEDGE", "ASSIGN", "ESCALATE",
            "RESOLVE", "CONFIRM", "COMMENT", "ATTACH", "POLICY_SUSPEND", "POLICY_LIFT", "ANONYMIZE");

    @Inject
    AuditService audit;

    private String actor;
    private String objectType;
    private String action;
    private Long firmId;
    private LocalDate from;
    private LocalDate to;
    private PageModel<AuditSentences.Line> model;
    private Map<Long, String> firms;

    public PageModel<AuditSentences.Line> getModel() {
        if (model == null) {
            Locale locale = FacesContext.getCurrentInstance().getViewRoot().getLocale();
            model = new PageModel<>((first, size) -> audit.searchNamed(new AuditService.Filter(actor, objectType, null, action,
                    from == null ? null : from.atStartOfDay(Formats.CHINA).toInstant(),
                    to == null ? null : to.plusDays(1).atStartOfDay(Formats.CHINA).toInstant(), firmId), first, size)
                    .map(n -> AuditSentences.line(n, locale)), l -> String.valueOf(l.id()));
        }
        return model;
    }

    /** A new search starts from the first page. */
    public void search() {
        model = null;
    }

    public List<SelectItem> getTypes() {
        Locale locale = FacesContext.getCurrentInstance().getViewRoot().getLocale();
        return TYPES.stream().map(t -> new SelectItem(t, Messages.get(locale, "entity." + t))).toList();
    }

    public List<SelectItem> getActions() {
        Locale locale = FacesContext.getCurrentInstance().getViewRoot().getLocale();
        return ACTIONS.stream().map(a -> new SelectItem(a, Messages.get(locale, "auditAction." + a))).toList();
    }

    public List<SelectItem> getFirms() {
        if (firms == null) {
            firms = audit.firmNames();
        }
        return firms.entrySet().stream().map(f -> new SelectItem(f.getKey(), f.getValue())).toList();
    }

    public String getActor() { return actor; }
    public void setActor(String v) { actor = v; }
    public String getObjectType() { return objectType; }
    public void setObjectType(String v) { objectType = v; }
    public String getAction() { return action; }
    public void setAction(String v) { action = v; }
    public Long getFirmId() { return firmId; }
    public void setFirmId(Long v) { firmId = v; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate v) { from = v; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate v) { to = v; }
}
