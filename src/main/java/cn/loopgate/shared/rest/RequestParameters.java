package cn.loopgate.shared.rest;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Malformed query and path parameters are the client's mistake: 400 naming the parameter. Two halves, each
 * in one place for every endpoint:
 * <ul>
 *   <li>paging ({@code offset}, {@code limit}) must be whole numbers, offset ≥ 0 and limit ≥ 1 (before, -1 was
 *   silently clamped and answered 200) — checked here, after matching and before any resource runs;</li>
 *   <li>a value the JAX-RS runtime cannot convert ({@code ?limit=abc}, {@code 2147483648}, {@code ?status=HACK},
 *   {@code /firms/abc}) — Jersey answers those with a 404 {@code ParamException}, which
 *   {@link #parameterOf} recognises for {@link ExceptionMappers.Web} to answer 400 instead.</li>
 * </ul>
 */
@Provider
public class RequestParameters implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        List<FieldError> errors = new ArrayList<>();
        check(query.getFirst("offset"), "offset", 0, errors);
        check(query.getFirst("limit"), "limit", 1, errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
    }

    private static void check(String value, String name, int min, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return;
        }
        try {
            if (Integer.parseInt(value.strip()) >= min) {
                return;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        errors.add(new FieldError(name, "validation.integer", min, Integer.MAX_VALUE));
    }

    /**
     * The name of the parameter Jersey could not convert, or null when {@code e} is no such failure. Jersey's
     * {@code ParamException} is not in the Jakarta API, so it is recognised by name (the WAR compiles against
     * the API only).
     */
    static String parameterOf(Throwable e) {
        for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().startsWith("org.glassfish.jersey.server.ParamException")) {
                try {
                    Method m = c.getMethod("getParameterName");
                    Object name = m.invoke(e);
                    return name == null ? "parameter" : name.toString();
                } catch (ReflectiveOperationException unexpected) {
                    return "parameter";
                }
            }
        }
        return null;
    }
}
