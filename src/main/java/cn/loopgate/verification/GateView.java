package cn.loopgate.verification;

import cn.loopgate.shared.web.FacesSupport;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/** The guard's phone page (gate/verify.xhtml): the gate's name stays, each scan shows one big verdict. */
@Named
@ViewScoped
public class GateView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient GateService gates;

    private String gate;
    private String content;
    private ScanResult result;

    public void verify() {
        ScanResult r = FacesSupport.attempt(() -> gates.verify(new GateCheck(gate, content)));
        if (r != null) {
            result = r;
            content = null;
        }
    }

    public void next() {
        result = null;
        content = null;
    }

    public String getGate() { return gate; }
    public void setGate(String v) { gate = v; }
    public String getContent() { return content; }
    public void setContent(String v) { content = v; }
    public ScanResult getResult() { return result; }
}
