package cn.loopgate.verification;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.time.Instant;

/** One check at a gate: when, where, by whom, which permit (if any could be named) and the verdict. Written by {@link ScanLedger}. */
@Entity
@Table(name = "gate_scan")
public class GateScan extends BaseEntity {

    @Column(name = "scanned_at", nullable = false)
    private Instant scannedAt;
    @Column(nullable = false, length = 60)
    private String gate;
    @Column(nullable = false, length = 64)
    private String guard;
    @Column(name = "permit_id")
    private Long permitId;
    @Column(name = "firm_id")
    private Long firmId;
    @Column(name = "park_id")
    private Long parkId;
    @Column(name = "key_id", length = 8)
    private String keyId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Verdict result;
    @Column(name = "gate_id")
    private Long gateId;
    @Column(name = "gate_park_id")
    private Long gateParkId;

    protected GateScan() {
    }

    public Instant getScannedAt() { return scannedAt; }
    public String getGate() { return gate; }
    public String getGuard() { return guard; }
    public Long getPermitId() { return permitId; }
    public Long getFirmId() { return firmId; }
    public Long getParkId() { return parkId; }
    public String getKeyId() { return keyId; }
    public Verdict getResult() { return result; }
    public Long getGateId() { return gateId; }
    public Long getGateParkId() { return gateParkId; }
}
