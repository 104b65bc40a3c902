package cn.loopgate.permit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * What an offline gate app downloads without signing in: the public keys that sign permits (all of
 * them, retired ones too) and the signed revocation list. Unauthenticated by web.xml; neither
 * names a person or a firm.
 */
@Path("/public/permits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "permits")
public class PublicPermitResource {

    @Inject
    SigningKeys keys;
    @Inject
    RevocationList revocations;
    @Inject
    @ConfigProperty(name = "loopgate.permit.keys-max-age", defaultValue = "86400")
    long keysMaxAge;

    /** A published key: X.509 SubjectPublicKeyInfo (base64) and the raw 32 bytes (base64url). */
    public record KeyView(String keyId, String algorithm, String status, String publicKey, String rawPublicKey,
                          Instant createdAt, Instant retiredAt) {
    }

    @GET
    @Path("keys")
    @Operation(summary = "Public keys that sign permit QR codes, active and retired")
    public Response keys() {
        keys.active();
        List<KeyView> all = keys.all().stream().map(PublicPermitResource::view).toList();
        // Keys never change once written; the max-age says how long an offline verifier may go without
        // looking for a key made since (a rotation), docs/pages.md "Gate scanner".
        CacheControl cc = new CacheControl();
        cc.setMaxAge((int) Math.min(Integer.MAX_VALUE, keysMaxAge));
        return Response.ok(all).cacheControl(cc).build();
    }

    @GET
    @Path("revocations")
    @Operation(summary = "Signed list of revoked permits and permits of suspended firms")
    public Response revocations() {
        RevocationList.Signed list = revocations.current();
        CacheControl cc = new CacheControl();
        cc.setMaxAge((int) list.maxAgeSeconds());
        return Response.ok(list).cacheControl(cc).build();
    }

    static KeyView view(SigningKey k) {
        byte[] spki = k.getPublicKey();
        return new KeyView(k.getKeyId(), k.getAlgorithm(), k.getStatus().name(), Base64.getEncoder().encodeToString(spki),
                Base64.getUrlEncoder().withoutPadding().encodeToString(KeyMaterial.raw(KeyMaterial.publicKey(spki))),
                k.getCreatedAt(), k.getRetiredAt());
    }
}
