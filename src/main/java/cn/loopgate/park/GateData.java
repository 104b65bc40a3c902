package cn.loopgate.park;

import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Required;

import java.util.List;

/**
 * A gate to register or change: its park (fixed once registered), its name, whether it is in use, and the
 * usernames of the gate guards bound to it ({@code null}: leave the binding as it is).
 */
public record GateData(@Required Long parkId, @Required @Length(max = 60) String name, Boolean active,
                       List<String> guards) {

    public GateData normalized() {
        return new GateData(parkId, name == null || name.isBlank() ? null : name.strip(), active,
                guards == null ? null : guards.stream().filter(g -> g != null && !g.isBlank()).map(String::strip).distinct().toList());
    }
}
