package cn.loopgate.problem;

import cn.loopgate.shared.web.FacesSupport;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.file.UploadedFile;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The firm manager's form to raise a problem (firm/problems.xhtml), with one optional attachment. */
@Named
@ViewScoped
public class RaiseProblemView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ProblemService problems;

    private Category category;
    private Urgency urgency = Urgency.NORMAL;
    private String description;
    private transient UploadedFile file;

    public String raise() {
        List<Commands.Upload> uploads = new ArrayList<>();
        if (file != null && file.getSize() > 0) {
            uploads.add(new Commands.Upload(file.getFileName(), file.getContent()));
        }
        ProblemView p = FacesSupport.attempt(() -> problems.raise(new Commands.Raise(category, urgency, description), uploads));
        if (p == null) {
            return null;
        }
        jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        FacesSupport.info("problem.raised", String.valueOf(p.id()));
        return "/problem.xhtml?faces-redirect=true&id=" + p.id();
    }

    public Category getCategory() { return category; }
    public void setCategory(Category v) { category = v; }
    public Urgency getUrgency() { return urgency; }
    public void setUrgency(Urgency v) { urgency = v; }
    public String getDescription() { return description; }
    public void setDescription(String v) { description = v; }
    public UploadedFile getFile() { return file; }
    public void setFile(UploadedFile v) { file = v; }
}
