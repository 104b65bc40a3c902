package cn.loopgate.pass;

import cn.loopgate.firm.Firm;
import cn.loopgate.firm.FirmService;
import cn.loopgate.permit.Permit;
import cn.loopgate.permit.PermitDocuments;
import cn.loopgate.permit.PermitDownload;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.StreamedContent;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/** The firm manager's vehicle passes (firm/passes.xhtml): apply, list with the state now, revoke, reissue. */
@Named
@ViewScoped
public class PassesView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    PassService passes;
    @Inject
    FirmService firms;
    @Inject
    PermitDocuments documents;
    @Inject
    cn.loopgate.shared.ClockProducer clocks;

    private long firmId;
    private String suspendedReason;
    private int passMaxDays;
    private String plate;
    private VehiclePass.VehicleType vehicleType = VehiclePass.VehicleType.TRUCK;
    private String driverName;
    private String driverResidentId;
    private String driverPhone;
    private String coDriverName;
    private String coDriverResidentId;
    private String coDriverPhone;
    private String origin;
    private String destination;
    private String transferPoint;
    private String cargo;
    private VehiclePass.Purpose purpose = VehiclePass.Purpose.MATERIALS_IN;
    private LocalDate validFrom;
    private LocalDate validTo;
    private String reason;

    @PostConstruct
    void init() {
        Firm f = firms.own();
        firmId = f.getId();
        suspendedReason = f.isSuspended() ? f.getSuspendedReason() : null;
        passMaxDays = f.getPark().getPassMaxDays();
        validFrom = f.getPark().today(clocks.clock().instant());
        validTo = validFrom.plusDays(Math.min(6, passMaxDays - 1));
    }

    public void apply() {
        PassData d = new PassData(firmId, plate, vehicleType, driverName, driverResidentId, driverPhone, coDriverName,
                coDriverResidentId, coDriverPhone, origin, destination, transferPoint, cargo, purpose, validFrom, validTo);
        if (FacesSupport.attempt(() -> passes.apply(firmId, d)) != null) {
            FacesSupport.info("passes.appliedOne", plate);
            plate = driverName = driverResidentId = driverPhone = coDriverName = coDriverResidentId = coDriverPhone = null;
        }
    }

    public void revoke(PassView p) {
        if (FacesSupport.attempt(() -> passes.revoke(p.id(), new PassService.Reason(reason))) != null) {
            FacesSupport.info("passes.revokedOne", p.plate());
        }
    }

    public void reissue(PassView p) {
        if (FacesSupport.attempt(() -> passes.reissue(p.id(), new PassService.Reason(reason))) != null) {
            FacesSupport.info("passes.reissuedOne", p.plate());
        }
    }

    public List<PassView> getList() {
        return passes.list(null, firmId, 0, 200).items();
    }

    public VehiclePass.VehicleType[] getVehicleTypes() { return VehiclePass.VehicleType.values(); }
    public VehiclePass.Purpose[] getPurposes() { return VehiclePass.Purpose.values(); }
    public String getSuspendedReason() { return suspendedReason; }
    public int getPassMaxDays() { return passMaxDays; }
    public String getPlate() { return plate; }
    public void setPlate(String v) { plate = v; }
    public VehiclePass.VehicleType getVehicleType() { return vehicleType; }
    public void setVehicleType(VehiclePass.VehicleType v) { vehicleType = v; }
    public String getDriverName() { return driverName; }
    public void setDriverName(String v) { driverName = v; }
    public String getDriverResidentId() { return driverResidentId; }
    public void setDriverResidentId(String v) { driverResidentId = v; }
    public String getDriverPhone() { return driverPhone; }
    public void setDriverPhone(String v) { driverPhone = v; }
    public String getCoDriverName() { return coDriverName; }
    public void setCoDriverName(String v) { coDriverName = v; }
    public String getCoDriverResidentId() { return coDriverResidentId; }
    public void setCoDriverResidentId(String v) { coDriverResidentId = v; }
    public String getCoDriverPhone() { return coDriverPhone; }
    public void setCoDriverPhone(String v) { coDriverPhone = v; }
    public String getOrigin() { return origin; }
    public void setOrigin(String v) { origin = v; }
    public String getDestination() { return destination; }
    public void setDestination(String v) { destination = v; }
    public String getTransferPoint() { return transferPoint; }
    public void setTransferPoint(String v) { transferPoint = v; }
    public String getCargo() { return cargo; }
    public void setCargo(String v) { cargo = v; }
    public VehiclePass.Purpose getPurpose() { return purpose; }
    public void setPurpose(VehiclePass.Purpose v) { purpose = v; }
    public LocalDate getValidFrom() { return validFrom; }
    public void setValidFrom(LocalDate v) { validFrom = v; }
    public LocalDate getValidTo() { return validTo; }
    public void setValidTo(LocalDate v) { validTo = v; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }

    /** An approved pass whose permit is still active offers its A5 PDF; revoked or replaced ones do not. */
    public boolean printable(PassView v) {
        return v.permitId() != null && v.permitStatus() == Permit.Status.ACTIVE;
    }

    /** The pass (A5, plate in large type) as a PDF. */
    public StreamedContent download(PassView v) {
        return PermitDownload.of(FacesSupport.attempt(() -> documents.one(v.permitId())));
    }
}
