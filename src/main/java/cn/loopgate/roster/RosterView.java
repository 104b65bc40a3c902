package cn.loopgate.roster;

import cn.loopgate.firm.FirmService;
import cn.loopgate.shared.web.FacesSupport;
import cn.loopgate.shared.web.PageModel;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;

/** The firm manager's worker roster (firm/roster.xhtml): lazy table, masked, with add and leave. */
@Named
@ViewScoped
public class RosterView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    WorkerService workers;
    @Inject
    FirmService firms;

    private long firmId;
    private String text;
    private Worker.Status status;
    private PageModel<WorkerView> model;

    // Add form
    private String name;
    private String residentId;
    private String phone;
    private String job;
    private LocalDate joinedOn;

    @PostConstruct
    void init() {
        firmId = firms.own().getId();
    }

    public PageModel<WorkerView> getModel() {
        if (model == null) {
            model = new PageModel<>((first, size) -> workers.list(firmId, new WorkerService.Filter(text, status), first, size)
                    .map(WorkerView::masked), w -> String.valueOf(w.id()));
        }
        return model;
    }

    public void newWorker() {
        name = residentId = phone = job = null;
        joinedOn = null;
    }

    public void add() {
        Worker w = FacesSupport.attempt(() -> workers.add(firmId, new WorkerData(name, residentId, phone, job, joinedOn)));
        if (w != null) {
            FacesSupport.info("common.created");
            newWorker();
        }
    }

    public void leave(WorkerView w) {
        if (FacesSupport.attempt(() -> workers.leave(firmId, w.id(), null)) != null) {
            FacesSupport.info("common.saved");
        }
    }

    public Worker.Status[] getStatuses() {
        return Worker.Status.values();
    }

    public String getText() { return text; }
    public void setText(String v) { text = v; }
    public Worker.Status getStatus() { return status; }
    public void setStatus(Worker.Status v) { status = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getResidentId() { return residentId; }
    public void setResidentId(String v) { residentId = v; }
    public String getPhone() { return phone; }
    public void setPhone(String v) { phone = v; }
    public String getJob() { return job; }
    public void setJob(String v) { job = v; }
    public LocalDate getJoinedOn() { return joinedOn; }
    public void setJoinedOn(LocalDate v) { joinedOn = v; }
}
