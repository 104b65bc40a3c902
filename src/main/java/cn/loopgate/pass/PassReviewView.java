package cn.loopgate.pass;

import cn.loopgate.shared.web.FacesSupport;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** The liaison officer's review of vehicle passes (liaison/passes.xhtml). */
@Named
@ViewScoped
public class PassReviewView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    PassService passes;

    private VehiclePass.Status status = VehiclePass.Status.SUBMITTED;
    private String reason;

    public List<PassView> getList() {
        return passes.list(status, null, 0, 200).items();
    }

    public void approve(PassView p) {
        if (FacesSupport.attempt(() -> passes.review(p.id(), new PassService.Review(p.version(), true, null))) != null) {
            FacesSupport.info("passes.approvedOne", p.plate());
        }
    }

    public void reject(PassView p) {
        if (FacesSupport.attempt(() -> passes.review(p.id(), new PassService.Review(p.version(), false, reason))) != null) {
            FacesSupport.info("passes.rejectedOne", p.plate());
        }
    }

    public void revoke(PassView p) {
        if (FacesSupport.attempt(() -> passes.revoke(p.id(), new PassService.Reason(reason))) != null) {
            FacesSupport.info("passes.revokedOne", p.plate());
        }
    }

    public VehiclePass.Status[] getStatuses() { return VehiclePass.Status.values(); }
    public VehiclePass.Status getStatus() { return status; }
    public void setStatus(VehiclePass.Status v) { status = v; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
}
