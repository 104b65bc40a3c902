package cn.loopgate.plan;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** The liaison's queue of plans awaiting review, oldest first (liaison/plans.xhtml). */
@Named
@ViewScoped
public class PlanQueueView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    PlanService plans;

    private List<PlanService.QueueItem> items;

    @PostConstruct
    void init() {
        items = plans.queue();
    }

    public List<PlanService.QueueItem> getItems() { return items; }
}
