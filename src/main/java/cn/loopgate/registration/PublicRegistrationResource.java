package cn.loopgate.registration;

import cn.loopgate.attachment.AttachmentService;
import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.web.ForwardedHeaders;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A firm registers itself (unauthenticated by web.xml): {@code multipart/form-data} with the fields of
 * {@link RegistrationData} by name and the business licence scan as the part {@code licence}. 201 with the
 * registration's number; 400 with field errors; 429 over the address's limits.
 */
@Path("/public/firm-registrations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "firms")
public class PublicRegistrationResource {

    /** Room for the text fields and the multipart framing beside the largest licence scan. */
    static final int FORM_ALLOWANCE = 64 * 1024;

    @Inject
    RegistrationService registrations;
    @Inject
    AttachmentService attachments;
    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response submit(@HeaderParam("Content-Length") Long length, List<EntityPart> parts) {
        int max = attachments.maxBytes();
        if (length != null && length > (long) max + FORM_ALLOWANCE) {
            throw DomainException.invalid("licence", "validation.fileTooLarge", max / (1024 * 1024));
        }
        Map<String, String> text = new HashMap<>();
        byte[] licence = null;
        String fileName = null;
        for (EntityPart part : parts == null ? List.<EntityPart>of() : parts) {
            if ("licence".equals(part.getName())) {
                licence = read(part.getContent(), max + 1);
                if (licence.length > max) {
                    throw DomainException.invalid("licence", "validation.fileTooLarge", max / (1024 * 1024));
                }
                fileName = part.getFileName().orElse(null);
            } else if (!text.containsKey(part.getName())) {
                text.put(part.getName(), new String(read(part.getContent(), 4096), StandardCharsets.UTF_8));
            }
        }
        RegistrationData data = new RegistrationData(text.get("creditCode"), text.get("name"), number(text, "parkId"),
                "true".equalsIgnoreCase(text.get("aboveSize")), choice(FourAbove.class, text, "fourAbove"),
                choice(Industry.class, text, "industry"), number(text, "registeredStaff") == null ? 0
                : number(text, "registeredStaff").intValue(), text.get("legalRep"), text.get("contactName"),
                text.get("contactPhone"), text.get("email"), text.get("address"), text.get("username"), text.get("password"));
        RegistrationService.Receipt receipt = registrations.submit(data, fileName, licence, ForwardedHeaders.clientAddress(request));
        return Response.created(URI.create("firm-registrations/" + receipt.id())).entity(receipt).build();
    }

    /** At most {@code limit} bytes (the caller tells a longer part by the length). */
    static byte[] read(InputStream in, int limit) {
        try (InputStream s = in) {
            return s.readNBytes(limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Long number(Map<String, String> text, String field) {
        String v = text.get(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid(field, "registration.badNumber");
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, Map<String, String> text, String field) {
        String v = text.get(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, "registration.badChoice");
        }
    }
}
