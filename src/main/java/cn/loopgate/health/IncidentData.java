package cn.loopgate.health;

import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Required;

/** A text on an incident or a hold: an action taken, a closing note, the reason a suspension is lifted. */
public record IncidentData(@Required @Length(max = 300) String text, Long version) {

    IncidentData normalized() {
        return new IncidentData(text == null || text.isBlank() ? null : text.strip(), version);
    }
}
