package cn.loopgate.liaison;

import cn.loopgate.park.Park;
import cn.loopgate.park.ParkService;
import cn.loopgate.shared.web.FacesSupport;
import cn.loopgate.shared.web.PageModel;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The liaison assignment page (liaisons.xhtml, administrators and park-wide liaison officers): a lazy list of the
 * firms in scope with their named officer, filtered by park, text, officer or "without officer"; tick firms and
 * give them to an officer, or take their officer away.
 */
@Named
@ViewScoped
public class LiaisonsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    LiaisonService liaisons;
    @Inject
    ParkService parks;

    private PageModel<AssignedFirm> model;
    private Long parkId;
    private String text;
    private boolean unassignedOnly;
    /** The officer whose firms are listed (from the users page: {@code ?liaison=username}). */
    private String liaison;
    private LiaisonOption filterLiaison;
    private LiaisonOption target;
    private List<AssignedFirm> selected = new ArrayList<>();

    /** Reads {@code ?liaison=} once (f:viewAction). */
    public void open() {
        if (liaison != null && !liaison.isBlank() && filterLiaison == null) {
            filterLiaison = liaisons.option(liaison.strip());
        }
    }

    public PageModel<AssignedFirm> getModel() {
        if (model == null) {
            Long park = parkId;
            String t = text;
            Long by = filterLiaison == null ? null : filterLiaison.id();
            boolean none = unassignedOnly;
            model = new PageModel<>((first, size) -> liaisons.firms(park, t, by, none, first, size), r -> String.valueOf(r.firmId()));
        }
        return model;
    }

    public void search() {
        model = null;
        selected = new ArrayList<>();
    }

    public void assign() {
        if (selected == null || selected.isEmpty()) {
            FacesSupport.error("liaison.noFirms");
            return;
        }
        if (target == null) {
            FacesSupport.error("liaison.pickLiaison");
            return;
        }
        apply(target.id());
    }

    public void unassign() {
        if (selected == null || selected.isEmpty()) {
            FacesSupport.error("liaison.noFirms");
            return;
        }
        apply(null);
    }

    private void apply(Long to) {
        List<Long> ids = selected.stream().map(AssignedFirm::firmId).toList();
        Assigned done = FacesSupport.attempt(() -> liaisons.assign(new AssignmentData(ids, to)));
        if (done != null) {
            FacesSupport.info("liaison.assigned", done.changed(), done.unchanged());
            search();
        }
    }

    public List<Park> getParks() {
        return parks.parks();
    }

    public Long getParkId() { return parkId; }
    public void setParkId(Long v) { parkId = v; }
    public String getText() { return text; }
    public void setText(String v) { text = v; }
    public boolean isUnassignedOnly() { return unassignedOnly; }
    public void setUnassignedOnly(boolean v) { unassignedOnly = v; }
    public String getLiaison() { return liaison; }
    public void setLiaison(String v) { liaison = v; }
    public LiaisonOption getFilterLiaison() { return filterLiaison; }
    public void setFilterLiaison(LiaisonOption v) { filterLiaison = v; }
    public LiaisonOption getTarget() { return target; }
    public void setTarget(LiaisonOption v) { target = v; }
    public List<AssignedFirm> getSelected() { return selected; }
    public void setSelected(List<AssignedFirm> v) { selected = v; }
}
