package cn.loopgate.shared;

import java.util.List;

/**
 * An expected failure of a business operation. It carries a message key (resolved in the caller's
 * language at the boundary) and, for bad input, the field errors. Being a RuntimeException, it rolls
 * back the transaction it escapes from, so nothing is half-saved.
 */
public class DomainException extends RuntimeException {

    /** What went wrong, which decides the HTTP status and how a page shows it. */
    public enum Kind {
        /** 400: the input is invalid. */
        INVALID,
        /** 403: the caller may see the object but may not do this. */
        FORBIDDEN,
        /** 404: the object does not exist or is outside the caller's scope. */
        NOT_FOUND,
        /** 409: the object changed meanwhile, or the action does not fit its current state. */
        CONFLICT,
        /** 429: too many requests of this kind from this caller or address; try again later. */
        TOO_MANY
    }

    private final Kind kind;
    private final String messageKey;
    private final transient Object[] args;
    private final List<FieldError> fieldErrors;

    public DomainException(Kind kind, String messageKey, Object... args) {
        this(kind, List.of(), messageKey, args);
    }

    public DomainException(Kind kind, List<FieldError> fieldErrors, String messageKey, Object... args) {
        super(messageKey);
        this.kind = kind;
        this.messageKey = messageKey;
        this.args = args == null ? new Object[0] : args;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public static DomainException notFound() {
        return new DomainException(Kind.NOT_FOUND, "error.notFound");
    }

    public static DomainException forbidden() {
        return new DomainException(Kind.FORBIDDEN, "error.forbidden");
    }

    public static DomainException conflict(String key, Object... args) {
        return new DomainException(Kind.CONFLICT, key, args);
    }

    public static DomainException invalid(String field, String key, Object... args) {
        return new DomainException(Kind.INVALID, List.of(new FieldError(field, key, args)), "error.invalid");
    }

    public static DomainException invalid(List<FieldError> errors) {
        return new DomainException(Kind.INVALID, errors, "error.invalid");
    }

    public Kind kind() {
        return kind;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /**
     * One invalid field. {@code messageKey} is either a bundle key or, for Bean Validation, an
     * already-resolved template marker of the form "{key}".
     */
    public record FieldError(String field, String messageKey, Object... args) {
    }
}
