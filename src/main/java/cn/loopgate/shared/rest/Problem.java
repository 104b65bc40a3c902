package cn.loopgate.shared.rest;

import java.util.List;

/**
 * An RFC 9457 problem body. {@code errors} lists each invalid field with a message in the caller's
 * language; {@code code} is the stable message key a client can switch on.
 */
public record Problem(String type, String title, int status, String code, String detail, List<FieldProblem> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldProblem(String field, String message) {
    }
}
