package cn.loopgate.shared.validation;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Validates a command in the service layer, where every boundary (page, REST, import) passes, and
 * turns violations into one {@link DomainException} listing every bad field at once.
 */
@ApplicationScoped
public class Validation {

    @Inject
    Validator validator;

    public <T> void check(T command) {
        check(command, List.of());
    }

    /** Bean Validation plus checks the caller has already made (e.g. uniqueness). */
    public <T> void check(T command, List<FieldError> more) {
        Set<ConstraintViolation<T>> violations = validator.validate(command);
        if (violations.isEmpty() && more.isEmpty()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessageTemplate(),
                        v.getConstraintDescriptor().getAttributes())));
        errors.addAll(more);
        throw DomainException.invalid(errors);
    }
}
