package cn.loopgate.verification;

import cn.loopgate.park.Gate;
import cn.loopgate.park.GateRegistry;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/**
 * The guard's phone page (gate/verify.xhtml): the guard picks one of their gates (kept between scans,
 * preselected when they have one), each scan shows one big verdict.
 */
@Named
@ViewScoped
public class GateView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A gate to pick: its id and "park · gate". */
    public record Choice(long id, String label) implements Serializable {
    }

    @Inject
    GateService gates;
    @Inject
    GateRegistry registry;

    private Long gateId;
    private String content;
    private ScanResult result;
    private List<Choice> choices;

    public List<Choice> getChoices() {
        if (choices == null) {
            List<Gate> mine = registry.gates(null);
            choices = mine.stream().map(g -> new Choice(g.getId(), g.getPark().getName() + " · " + g.getName())).toList();
            if (gateId == null && choices.size() == 1) {
                gateId = choices.get(0).id();
            }
        }
        return choices;
    }

    public void verify() {
        ScanResult r = FacesSupport.attempt(() -> gates.verify(new GateCheck(null, content, gateId)));
        if (r != null) {
            result = r;
            content = null;
        }
    }

    public void next() {
        result = null;
        content = null;
    }

    public Long getGateId() {
        getChoices();
        return gateId;
    }

    public void setGateId(Long v) { gateId = v; }
    public String getContent() { return content; }
    public void setContent(String v) { content = v; }
    public ScanResult getResult() { return result; }
}
