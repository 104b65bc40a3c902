package cn.loopgate.apicredential;

import cn.loopgate.identity.machine.ApiCredential;
import cn.loopgate.identity.machine.ApiScope;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A credential as lists show it: never the secret, only its first characters ({@code shown}). It holds until
 * {@code expiresAt}, the start of the day after {@code validThrough} (Beijing time).
 */
public record ApiCredentialRow(long id, String name, String shown, ApiScope scope, Long firmId, String firmName,
                               List<Long> parkIds, String parkNames, Instant createdAt, String createdBy, Instant expiresAt,
                               LocalDate validThrough,
                               Instant lastUsedAt, ApiCredential.Status status, Instant revokedAt, String revokedBy)
        implements Serializable {
}
