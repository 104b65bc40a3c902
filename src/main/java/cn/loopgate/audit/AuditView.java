package cn.loopgate.audit;

import cn.loopgate.shared.TimeZones;
import cn.loopgate.shared.web.PageModel;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;

/** The audit page (audit.xhtml) for administrators and analysts, with filters. */
@Named
@ViewScoped
public class AuditView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AuditService audit;

    private String actor;
    private String objectType;
    private Long objectId;
    private String action;
    private LocalDate from;
    private LocalDate to;
    private PageModel<AuditEntry> model;

    public PageModel<AuditEntry> getModel() {
        if (model == null) {
            model = PageModel.of((first, size) -> audit.search(new AuditService.Filter(actor, objectType, objectId, action,
                    from == null ? null : from.atStartOfDay(TimeZones.CHINA).toInstant(),
                    to == null ? null : to.plusDays(1).atStartOfDay(TimeZones.CHINA).toInstant()), first, size));
        }
        return model;
    }

    public String getActor() { return actor; }
    public void setActor(String v) { actor = v; }
    public String getObjectType() { return objectType; }
    public void setObjectType(String v) { objectType = v; }
    public Long getObjectId() { return objectId; }
    public void setObjectId(Long v) { objectId = v; }
    public String getAction() { return action; }
    public void setAction(String v) { action = v; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate v) { from = v; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate v) { to = v; }
}
