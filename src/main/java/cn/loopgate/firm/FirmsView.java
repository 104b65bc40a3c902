package cn.loopgate.firm;

import cn.loopgate.park.Park;
import cn.loopgate.park.ParkService;
import cn.loopgate.shared.web.FacesSupport;
import cn.loopgate.shared.web.PageModel;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** Administration of firms (admin/firms.xhtml): a lazy, filterable table and a register/edit dialog. */
@Named
@ViewScoped
public class FirmsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    FirmService firms;
    @Inject
    ParkService parks;

    private String text;
    private Long parkFilter;
    private FirmForm form = new FirmForm();
    private PageModel<Firm> model;

    public PageModel<Firm> getModel() {
        if (model == null) {
            model = PageModel.of((first, size) -> firms.list(new FirmService.Filter(parkFilter, text, null, null), first, size));
        }
        return model;
    }

    public List<Park> getParks() {
        return parks.parks();
    }

    public FourAbove[] getCategories() {
        return FourAbove.values();
    }

    public Industry[] getIndustries() {
        return Industry.values();
    }

    public void newFirm() {
        form = new FirmForm();
    }

    public void edit(Firm f) {
        form = FirmForm.of(f);
    }

    public void save() {
        boolean ok = FacesSupport.attempt(() -> {
            if (form.getId() == null) {
                firms.register(form.toData());
            } else {
                firms.update(form.getId(), form.toData());
            }
        });
        if (ok) {
            FacesSupport.info(form.getId() == null ? "common.created" : "common.saved");
        }
    }

    public FirmForm getForm() { return form; }
    public String getText() { return text; }
    public void setText(String v) { text = v; }
    public Long getParkFilter() { return parkFilter; }
    public void setParkFilter(Long v) { parkFilter = v; }
}
