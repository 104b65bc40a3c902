package cn.loopgate.shared.rest;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.Messages;
import cn.loopgate.shared.validation.BundleMessageInterpolator;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds problem responses in the language the client asked for (Accept-Language). */
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
        };
        List<Problem.FieldProblem> fields = e.fieldErrors().stream()
                .map(f -> new Problem.FieldProblem(f.field(), fieldMessage(f, locale)))
                .toList();
        return response(status, e.messageKey(), Messages.get(locale, e.messageKey(), e.args()), fields, locale);
    }

    public static Response response(int status, String code, String detail, List<Problem.FieldProblem> fields, Locale locale) {
        String title = Messages.get(locale, "http." + status);
        return Response.status(status)
                .type(Problem.MEDIA_TYPE + ";charset=UTF-8")
                .entity(new Problem("about:blank", title, status, code, detail, fields))
                .build();
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
