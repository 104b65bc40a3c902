package cn.loopgate.shared.rest;

import cn.loopgate.shared.Jsonp;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.Messages;
import cn.loopgate.shared.validation.BundleMessageInterpolator;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The portal's one problem+json writer: every refusal of the API — from a resource or exception mapper
 * ({@link #response}) or from the authentication mechanism and servlet filters that run before JAX-RS
 * ({@link #write}) — is the same {@link Problem} body in the language the client asked for (Accept-Language).
 */
public final class Problems {

    private Problems() {
    }

    public static Locale locale(HttpHeaders headers) {
        if (headers == null) {
            return Messages.DEFAULT_LOCALE;
        }
        List<Locale> accepted = headers.getAcceptableLanguages();
        return Messages.supported(accepted.isEmpty() ? null : accepted.get(0));
    }

    public static Response of(DomainException e, Locale locale) {
        int status = switch (e.kind()) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_MANY -> 429;
        };
        List<Problem.FieldProblem> fields = e.fieldErrors().stream()
                .map(f -> new Problem.FieldProblem(f.field(), fieldMessage(f, locale)))
                .toList();
        return response(status, e.messageKey(), Messages.get(locale, e.messageKey(), e.args()), fields, locale);
    }

    public static Response response(int status, String code, String detail, List<Problem.FieldProblem> fields, Locale locale) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE + ";charset=UTF-8")
                .entity(problem(status, code, detail, fields, locale))
                .build();
    }

    /** The body of a refusal: the status's title and the detail in the caller's language. */
    public static Problem problem(int status, String code, String detail, List<Problem.FieldProblem> fields, Locale locale) {
        return new Problem("about:blank", Messages.get(locale, "http." + status), status, code, detail,
                fields == null ? List.of() : fields);
    }

    /**
     * Writes a refusal on a servlet response, for code that answers before JAX-RS does (the authentication
     * mechanism, servlet filters): the status, {@code code} as the message key and its text in the request's language.
     */
    public static void write(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                             int status, String code) throws java.io.IOException {
        Locale locale = Messages.supported(request.getLocale());
        Problem p = problem(status, code, Messages.get(locale, code), List.of(), locale);
        jakarta.json.JsonArrayBuilder errors = Jsonp.PROVIDER.createArrayBuilder();
        p.errors().forEach(f -> errors.add(Jsonp.PROVIDER.createObjectBuilder().add("field", f.field()).add("message", f.message())));
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE + ";charset=UTF-8");
        response.getWriter().write(Jsonp.PROVIDER.createObjectBuilder().add("type", p.type()).add("title", p.title())
                .add("status", p.status()).add("code", p.code()).add("detail", p.detail()).add("errors", errors).build().toString());
    }

    /** A field error in words: bundle keys are looked up, Bean Validation templates interpolated. */
    @SuppressWarnings("unchecked")
    public static String fieldMessage(DomainException.FieldError f, Locale locale) {
        Object[] args = f.args();
        if (f.messageKey().startsWith("{")) {
            Map<String, Object> attributes = args.length == 1 && args[0] instanceof Map<?, ?> m
                    ? (Map<String, Object>) m : Map.of();
            return BundleMessageInterpolator.resolve(f.messageKey(), attributes, locale);
        }
        return Messages.get(locale, f.messageKey(), args);
    }
}
