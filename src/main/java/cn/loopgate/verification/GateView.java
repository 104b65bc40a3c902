package cn.loopgate.verification;

import cn.loopgate.park.Gate;
import cn.loopgate.park.GateRegistry;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/**
 * The guard's phone page (gate/verify.xhtml): the guard's gates to pick from (preselected when they have
 * one). Scanning, verdicts and the offline mode run in the browser (resources/js/gate-scanner.js) against
 * the gate's API, so that the page keeps working without the network (docs/pages.md, "Gate scanner").
 */
@Named
@ViewScoped
public class GateView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A gate to pick: its id and "park · gate". */
    public record Choice(long id, String label) implements Serializable {
    }

    @Inject
    GateRegistry registry;

    private Long gateId;
    private String content;
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

    public Long getGateId() {
        getChoices();
        return gateId;
    }

    public void setGateId(Long v) { gateId = v; }
    public String getContent() { return content; }
    public void setContent(String v) { content = v; }
}
