package cn.loopgate.problem;

import cn.loopgate.shared.web.PageModel;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/**
 * The list of problems on firm/, liaison/ and bureau/problems.xhtml: the service scopes it to the
 * caller (own firm, own parks, everything), the page only filters.
 */
@Named
@ViewScoped
public class ProblemsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ProblemService problems;

    private Status status;
    private Category category;
    private boolean overdueOnly;
    private boolean openOnly;
    private PageModel<ProblemView> model;

    public PageModel<ProblemView> getModel() {
        if (model == null) {
            model = new PageModel<>((first, size) -> problems.list(new ProblemService.Filter(status, null, category,
                    overdueOnly ? Boolean.TRUE : null, openOnly ? Boolean.TRUE : null), first, size), p -> String.valueOf(p.id()));
        }
        return model;
    }

    public Status[] getStatuses() { return Status.values(); }
    public Category[] getCategories() { return Category.values(); }
    public Urgency[] getUrgencies() { return Urgency.values(); }
    public Status getStatus() { return status; }
    public void setStatus(Status v) { status = v; }
    public Category getCategory() { return category; }
    public void setCategory(Category v) { category = v; }
    public boolean isOverdueOnly() { return overdueOnly; }
    public void setOverdueOnly(boolean v) { overdueOnly = v; }
    public boolean isOpenOnly() { return openOnly; }
    public void setOpenOnly(boolean v) { openOnly = v; }
}
