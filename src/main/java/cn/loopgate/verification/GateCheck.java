package cn.loopgate.verification;

import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Required;

/** A scan: the gate's name and the QR text as read. */
public record GateCheck(@Required @Length(max = 60) String gate, @Required @Length(max = 400) String content) {

    GateCheck normalized() {
        return new GateCheck(gate == null ? null : gate.strip(), content == null ? null : content.strip());
    }
}
