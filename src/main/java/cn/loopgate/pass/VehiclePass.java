package cn.loopgate.pass;

import cn.loopgate.firm.Firm;
import cn.loopgate.shared.persistence.BaseEntity;
import cn.loopgate.shared.crypto.ResidentIdConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An application for a vehicle pass: the vehicle, its driver and co-driver, the route (origin,
 * destination, the one allowed transfer point), cargo and purpose, for a window of park days no
 * longer than the park allows. Approved, it carries the issued permit; revocation, reissue and expiry
 * live on the permit.
 */
@Entity
@Table(name = "vehicle_pass")
public class VehiclePass extends BaseEntity {

    public enum Status { SUBMITTED, APPROVED, REJECTED }

    public enum Purpose { MATERIALS_IN, PRODUCTS_OUT }

    public enum VehicleType { TRUCK, VAN, COLD_CHAIN, TANKER, CAR, BUS }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "firm_id")
    private Firm firm;
    @Column(name = "park_id", nullable = false)
    private long parkId;
    @Column(nullable = false, length = 10)
    private String plate;
    @Enumerated(EnumType.STRING)
    @Column(name = "vehicle_type", nullable = false, length = 16)
    private VehicleType vehicleType;
    @Column(name = "driver_name", nullable = false, length = 50)
    private String driverName;
    /** Sealed in its column like every resident ID (docs/security.md "Personal data at rest"). */
    @Convert(converter = ResidentIdConverter.class)
    @Column(name = "driver_resident_id_enc", nullable = false, length = 120)
    private String driverResidentId;
    @Column(name = "driver_phone", nullable = false, length = 11)
    private String driverPhone;
    @Column(name = "co_driver_name", length = 50)
    private String coDriverName;
    @Convert(converter = ResidentIdConverter.class)
    @Column(name = "co_driver_resident_id_enc", length = 120)
    private String coDriverResidentId;
    @Column(name = "co_driver_phone", length = 11)
    private String coDriverPhone;
    @Column(nullable = false, length = 200)
    private String origin;
    @Column(nullable = false, length = 200)
    private String destination;
    @Column(name = "transfer_point", length = 200)
    private String transferPoint;
    @Column(nullable = false, length = 300)
    private String cargo;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Purpose purpose;
    @Column(name = "valid_from", nullable = false)
    private LocalDate validFrom;
    @Column(name = "valid_to", nullable = false)
    private LocalDate validTo;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Status status = Status.SUBMITTED;
    @Column(name = "reject_reason", length = 300)
    private String rejectReason;
    @Column(name = "permit_id")
    private Long permitId;
    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;
    @Column(name = "submitted_by", nullable = false, length = 64)
    private String submittedBy;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "decided_by", length = 64)
    private String decidedBy;
    @Version
    private long version;

    protected VehiclePass() {
    }

    VehiclePass(Firm firm, PassData d, Instant now, String by) {
        this.firm = firm;
        this.parkId = firm.getPark().getId();
        this.plate = d.plate();
        this.vehicleType = d.vehicleType();
        this.driverName = d.driverName();
        this.driverResidentId = d.driverResidentId();
        this.driverPhone = d.driverPhone();
        this.coDriverName = d.coDriverName();
        this.coDriverResidentId = d.coDriverResidentId();
        this.coDriverPhone = d.coDriverPhone();
        this.origin = d.origin();
        this.destination = d.destination();
        this.transferPoint = d.transferPoint();
        this.cargo = d.cargo();
        this.purpose = d.purpose();
        this.validFrom = d.validFrom();
        this.validTo = d.validTo();
        this.submittedAt = now;
        this.submittedBy = by;
    }

    void approve(long permit, Instant now, String by) {
        status = Status.APPROVED;
        permitId = permit;
        decidedAt = now;
        decidedBy = by;
    }

    void reject(String reason, Instant now, String by) {
        status = Status.REJECTED;
        rejectReason = reason;
        decidedAt = now;
        decidedBy = by;
    }

    /** After a reissue the pass points at the new permit. */
    void replacedBy(long permit) {
        permitId = permit;
    }

    public Firm getFirm() { return firm; }
    public long getParkId() { return parkId; }
    public String getPlate() { return plate; }
    public VehicleType getVehicleType() { return vehicleType; }
    public String getDriverName() { return driverName; }
    public String getDriverResidentId() { return driverResidentId; }
    public String getDriverPhone() { return driverPhone; }
    public String getCoDriverName() { return coDriverName; }
    public String getCoDriverResidentId() { return coDriverResidentId; }
    public String getCoDriverPhone() { return coDriverPhone; }
    public String getOrigin() { return origin; }
    public String getDestination() { return destination; }
    public String getTransferPoint() { return transferPoint; }
    public String getCargo() { return cargo; }
    public Purpose getPurpose() { return purpose; }
    public LocalDate getValidFrom() { return validFrom; }
    public LocalDate getValidTo() { return validTo; }
    public Status getStatus() { return status; }
    public String getRejectReason() { return rejectReason; }
    public Long getPermitId() { return permitId; }
    public Instant getSubmittedAt() { return submittedAt; }
    public String getSubmittedBy() { return submittedBy; }
    public Instant getDecidedAt() { return decidedAt; }
    public String getDecidedBy() { return decidedBy; }
    public long getVersion() { return version; }
}
