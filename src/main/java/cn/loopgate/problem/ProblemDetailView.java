package cn.loopgate.problem;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.rest.DomainExceptions;
import cn.loopgate.shared.web.FacesSupport;
import cn.loopgate.shared.web.Formats;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.file.UploadedFile;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Supplier;

/**
 * One problem (problem.xhtml?id=…) with its timeline and the actions the caller's role offers in its
 * state. The service decides whether an action is allowed; the page only hides what cannot apply.
 */
@Named
@ViewScoped
public class ProblemDetailView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ProblemService problems;

    private long id;
    private boolean notFound;
    private ProblemView problem;
    private List<ProblemView.TimelineEntry> timeline;

    private String comment;
    private Escalation escalation = Escalation.ASSIGN;
    private String reason;
    private String resolution;
    private String department;
    private LocalDateTime dueAt;
    private String note;
    private transient UploadedFile file;

    @PostConstruct
    void init() {
        ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
        try {
            id = Long.parseLong(ec.getRequestParameterMap().getOrDefault("id", ""));
            reload();
            dueAt = LocalDateTime.now(Formats.CHINA).plusDays(2).withSecond(0).withNano(0);
        } catch (NumberFormatException e) {
            notFound(ec);
        } catch (RuntimeException e) {
            DomainException d = DomainExceptions.unwrap(e);
            if (d == null) {
                throw e;
            }
            notFound(ec);
        }
    }

    /** Outside the caller's scope or no such problem: the page says so with status 404 (nothing is rendered of it). */
    private void notFound(ExternalContext ec) {
        notFound = true;
        problem = null;
        timeline = List.of();
        ec.setResponseStatus(404);
    }

    private void reload() {
        problem = problems.get(id);
        timeline = problems.timeline(id);
    }

    private void run(Supplier<ProblemView> action, String doneKey) {
        ProblemView p = FacesSupport.attempt(action);
        if (p != null) {
            FacesSupport.info(doneKey);
            comment = reason = resolution = note = null;
            reload();
        }
    }

    public void acknowledge() { run(() -> problems.acknowledge(id), "common.saved"); }
    public void comment() { run(() -> problems.comment(id, new Commands.Comment(comment)), "common.saved"); }
    public void escalate() { run(() -> problems.escalate(id, new Commands.Escalate(escalation, reason)), "common.saved"); }
    public void resolve() { run(() -> problems.resolve(id, new Commands.Resolve(resolution)), "common.saved"); }
    public void confirm() { run(() -> problems.confirm(id), "common.saved"); }
    public void reopen() { run(() -> problems.reopen(id, new Commands.Reopen(reason)), "common.saved"); }

    public void assign() {
        run(() -> problems.assign(id, new Commands.Assign(department,
                dueAt == null ? null : dueAt.atZone(Formats.CHINA).toInstant(), note)), "common.saved");
    }

    public void attach() {
        if (file == null || file.getSize() == 0) {
            FacesSupport.error("validation.fileEmpty");
            return;
        }
        UploadedFile f = file;
        run(() -> problems.attach(id, new Commands.Upload(f.getFileName(), f.getContent())), "common.saved");
    }

    public boolean isNotFound() { return notFound; }
    public boolean isOpen() { return problem != null && problem.status().isOpen(); }
    public Escalation[] getEscalations() { return Escalation.values(); }
    public ProblemView getProblem() { return problem; }
    public List<ProblemView.TimelineEntry> getTimeline() { return timeline; }
    public long getId() { return id; }
    public String getComment() { return comment; }
    public void setComment(String v) { comment = v; }
    public Escalation getEscalation() { return escalation; }
    public void setEscalation(Escalation v) { escalation = v; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
    public String getResolution() { return resolution; }
    public void setResolution(String v) { resolution = v; }
    public String getDepartment() { return department; }
    public void setDepartment(String v) { department = v; }
    public LocalDateTime getDueAt() { return dueAt; }
    public void setDueAt(LocalDateTime v) { dueAt = v; }
    public String getNote() { return note; }
    public void setNote(String v) { note = v; }
    public UploadedFile getFile() { return file; }
    public void setFile(UploadedFile v) { file = v; }
}
