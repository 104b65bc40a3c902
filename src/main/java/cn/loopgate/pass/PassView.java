package cn.loopgate.pass;

import cn.loopgate.permit.Permit;
import cn.loopgate.permit.PermitState;
import cn.loopgate.shared.Masking;

import java.time.Instant;
import java.time.LocalDate;

/** A pass as listed: personal data masked; the permit's number and what a gate sees now. */
public record PassView(long id, long firmId, String firmName, String plate, VehiclePass.VehicleType vehicleType,
                       String driverName, String driverResidentId, String driverPhone, String coDriverName,
                       String coDriverResidentId, String coDriverPhone, String origin, String destination,
                       String transferPoint, String cargo, VehiclePass.Purpose purpose, LocalDate validFrom,
                       LocalDate validTo, VehiclePass.Status status, String rejectReason, Long permitId,
                       String permitNumber, Permit.Status permitStatus, PermitState state, Instant submittedAt, long version) {

    static PassView of(VehiclePass p, Permit permit, PermitState state) {
        return new PassView(p.getId(), p.getFirm().getId(), p.getFirm().getName(), p.getPlate(), p.getVehicleType(),
                p.getDriverName(), Masking.residentId(p.getDriverResidentId()), Masking.phone(p.getDriverPhone()),
                p.getCoDriverName(), Masking.residentId(p.getCoDriverResidentId()), Masking.phone(p.getCoDriverPhone()),
                p.getOrigin(), p.getDestination(), p.getTransferPoint(), p.getCargo(), p.getPurpose(), p.getValidFrom(),
                p.getValidTo(), p.getStatus(), p.getRejectReason(), p.getPermitId(),
                permit == null ? null : permit.getNumber(), permit == null ? null : permit.getStatus(), state,
                p.getSubmittedAt(), p.getVersion());
    }
}
