package cn.loopgate.permit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

/**
 * What an offline gate app downloads without signing in: the public keys that sign permits (all of
 * them, retired ones too) and the signed revocation list. Unauthenticated by web.xml; neither
 * names a person or a firm. Both come from the copy in memory ({@link PublicLists}) with an ETag, and a client
 * that sends it back in If-None-Match gets 304.
 */
@Path("/public/permits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "permits")
public class PublicPermitResource {

    @Inject
    PublicLists lists;
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
    public Response keys(@HeaderParam("If-None-Match") String ifNoneMatch) {
        // Keys never change once written; the max-age says how long an offline verifier may go without
        // looking for a key made since (a rotation), docs/pages.md "Gate scanner".
        return answer(lists.keys(), keysMaxAge, ifNoneMatch);
    }

    @GET
    @Path("revocations")
    @Operation(summary = "Signed list of revoked permits and permits of suspended firms")
    public Response revocations(@HeaderParam("If-None-Match") String ifNoneMatch) {
        return answer(lists.revocations(), lists.listMaxAge(), ifNoneMatch);
    }

    /** The copy in memory, or 304 when the client holds it already (its ETag in If-None-Match). */
    static Response answer(PublicLists.Snapshot s, long maxAge, String ifNoneMatch) {
        CacheControl cc = new CacheControl();
        cc.setMaxAge((int) Math.min(Integer.MAX_VALUE, maxAge));
        if (ifNoneMatch != null && matches(ifNoneMatch, s.etag())) {
            return Response.notModified().header("ETag", s.etag()).cacheControl(cc).build();
        }
        return Response.ok(s.body(), MediaType.APPLICATION_JSON_TYPE).header("ETag", s.etag()).cacheControl(cc).build();
    }

    /** If-None-Match: "*", or a list of tags, weak ones compared weakly (RFC 9110, 13.1.2). */
    static boolean matches(String ifNoneMatch, String etag) {
        for (String t : ifNoneMatch.split(",")) {
            String tag = t.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.startsWith("W/") && tag.substring(2).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    static KeyView view(SigningKey k) {
        byte[] spki = k.getPublicKey();
        return new KeyView(k.getKeyId(), k.getAlgorithm(), k.getStatus().name(), Base64.getEncoder().encodeToString(spki),
                Base64.getUrlEncoder().withoutPadding().encodeToString(KeyMaterial.raw(KeyMaterial.publicKey(spki))),
                k.getCreatedAt(), k.getRetiredAt());
    }
}
