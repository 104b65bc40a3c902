package cn.loopgate.shared.rest;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.Messages;
import cn.loopgate.shared.persistence.DatabaseBreaker;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure of the API becomes a problem+json body in the caller's language. Unexpected errors
 * are logged with their stack trace but answered with a generic 500 that reveals nothing.
 */
public final class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class.getName());

    private ExceptionMappers() {
    }

    @Provider
    public static class Domain implements ExceptionMapper<DomainException> {
        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(DomainException e) {
            return Problems.of(e, Problems.locale(headers));
        }
    }

    @Provider
    public static class BeanValidation implements ExceptionMapper<ConstraintViolationException> {
        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<FieldError> errors = e.getConstraintViolations().stream()
                    .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessageTemplate(),
                            v.getConstraintDescriptor().getAttributes()))
                    .toList();
            return Problems.of(DomainException.invalid(errors), Problems.locale(headers));
        }

        private static String lastNode(String path) {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? path : path.substring(dot + 1);
        }
    }

    /** Malformed JSON or a value of the wrong type. */
    @Provider
    public static class Json implements ExceptionMapper<JsonbException> {
        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(JsonbException e) {
            var locale = Problems.locale(headers);
            return Problems.response(400, "error.malformedJson", Messages.get(locale, "error.malformedJson"), List.of(), locale);
        }
    }

    /** Jersey wraps a body it could not read (bad JSON, wrong types) in a ProcessingException. */
    @Provider
    public static class Unreadable implements ExceptionMapper<jakarta.ws.rs.ProcessingException> {
        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(jakarta.ws.rs.ProcessingException e) {
            DomainException domain = DomainExceptions.unwrap(e);
            if (domain != null) {
                return Problems.of(domain, Problems.locale(headers));
            }
            var locale = Problems.locale(headers);
            return Problems.response(400, "error.malformedJson", Messages.get(locale, "error.malformedJson"), List.of(), locale);
        }
    }

    @Provider
    public static class OptimisticLock implements ExceptionMapper<OptimisticLockException> {
        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(OptimisticLockException e) {
            return Problems.of(DomainException.conflict("error.concurrentChange"), Problems.locale(headers));
        }
    }

    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(WebApplicationException e) {
            String parameter = RequestParameters.parameterOf(e);
            if (parameter != null) {
                return Problems.of(DomainException.invalid(List.of(new FieldError(parameter, "validation.parameter"))), Problems.locale(headers));
            }
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                LOG.log(Level.SEVERE, "request failed", e);
            }
            var locale = Problems.locale(headers);
            String code = status == 400 ? "error.malformedJson" : "http." + status;
            return Problems.response(status, code, Messages.get(locale, code), List.of(), locale);
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(Throwable e) {
            return unexpected(e, headers);
        }
    }

    /**
     * A transaction that fails at commit (an optimistic lock lost to a concurrent change, found by ApiFuzzIT)
     * arrives wrapped in a TransactionalException. Jersey's own mapper for it fails on such a cause and
     * answers a bare 500; this one, ranked first, unwraps it like any other failure.
     */
    @Provider
    @jakarta.annotation.Priority(1)
    public static class Transactional implements ExceptionMapper<jakarta.transaction.TransactionalException> {
        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(jakarta.transaction.TransactionalException e) {
            return unexpected(e, headers);
        }
    }

    static Response unexpected(Throwable e, HttpHeaders headers) {
        DomainException domain = DomainExceptions.unwrap(e);
        if (domain != null) {
            return Problems.of(domain, Problems.locale(headers));
        }
        if (DomainExceptions.isOptimisticLock(e)) {
            return Problems.of(DomainException.conflict("error.concurrentChange"), Problems.locale(headers));
        }
        var locale = Problems.locale(headers);
        if (DomainExceptions.isDatabaseUnavailable(e)) {
            // One line, not a stack trace per request while PostgreSQL is away; the pool reconnects by itself.
            LOG.warning("database unavailable: " + e);
            DatabaseBreaker.failed(e);
            return Response.fromResponse(Problems.response(503, "error.unavailable", Messages.get(locale, "error.unavailable"),
                    List.of(), locale)).header("Retry-After", "10").build();
        }
        LOG.log(Level.SEVERE, "unexpected failure", e);
        return Problems.response(500, "error.internal", Messages.get(locale, "error.internal"), List.of(), locale);
    }
}
