package cn.loopgate.verification;

import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Required;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A scan: the gate (one of the guard's gates, by id or by name) and the QR text as read. The guard's page
 * sends the id; a scanner device may send the name it was set up with. One constructor only: JSON-B binds a
 * record through its single constructor (with a second one every body was "malformed"). {@code temperature}: the
 * person's reading in °C when the guard typed one or a thermometer posted it with the scan (issue 20).
 */
public record GateCheck(@Length(max = 60) String gate, @Required @Length(max = 400) String content, Long gateId,
                        BigDecimal temperature) {

    GateCheck normalized() {
        return new GateCheck(gate == null || gate.isBlank() ? null : gate.strip(), content == null ? null : content.strip(), gateId,
                temperature == null ? null : temperature.setScale(1, RoundingMode.HALF_UP));
    }
}
