package cn.loopgate.apicredential;

import cn.loopgate.identity.machine.ApiScope;
import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Required;

import java.time.LocalDate;
import java.util.List;

/**
 * A credential to issue: its name (what the machine is, e.g. "HR system"), its scope with the firm (FIRM) or the
 * parks (PARK, GATE), and the last day it holds (Beijing time; at most {@code loopgate.api-credentials.max-days}
 * ahead).
 */
public record ApiCredentialData(
        @Required @Length(max = 100) String name,
        @Required ApiScope scope,
        Long firmId,
        List<Long> parkIds,
        @Required LocalDate expiresOn) {

    public ApiCredentialData normalized() {
        return new ApiCredentialData(name == null || name.isBlank() ? null : name.strip(), scope, firmId,
                parkIds == null ? List.of() : parkIds.stream().filter(java.util.Objects::nonNull).distinct().toList(), expiresOn);
    }
}
