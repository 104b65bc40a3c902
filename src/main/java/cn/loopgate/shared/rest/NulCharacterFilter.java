package cn.loopgate.shared.rest;

import cn.loopgate.shared.Messages;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Refuses a NUL character (U+0000) anywhere in the path, the query or a JSON body with a 400. PostgreSQL
 * cannot store NUL in text, so it would otherwise fail deep in a query as a 500 (found by ApiFuzzIT).
 */
@Provider
@PreMatching
public class NulCharacterFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        boolean nul = request.getUriInfo().getPath().indexOf('\0') >= 0;
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (var e : query.entrySet()) {
            nul |= e.getKey().indexOf('\0') >= 0 || e.getValue().stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0);
        }
        MediaType type = request.getMediaType();
        if (!nul && request.hasEntity() && type != null && type.getSubtype().toLowerCase(Locale.ROOT).contains("json")) {
            byte[] body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
            String text = new String(body, StandardCharsets.UTF_8);
            nul = text.indexOf('\0') >= 0 || text.toLowerCase(Locale.ROOT).contains("\\u0000");
        }
        if (nul) {
            List<Locale> accepted = request.getAcceptableLanguages();
            Locale locale = Messages.supported(accepted.isEmpty() ? null : accepted.get(0));
            request.abortWith(Problems.response(400, "error.nulCharacter", Messages.get(locale, "error.nulCharacter"), List.of(), locale));
        }
    }
}
