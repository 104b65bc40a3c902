package cn.loopgate.shared.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Collection;

/**
 * Present and, for text, not blank. Loopgate's own constraints ({@code Required}, {@code Length},
 * {@code Range}, {@code Matches}) replace the jakarta.validation ones on records: Payara's OpenAPI
 * generator fails on standard constraints of record components (ConstraintsOnRecordsTest enforces this).
 */
@Documented
@Constraint(validatedBy = Required.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Required {
    String message() default "{validation.required}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Required, Object> {
        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            if (value instanceof CharSequence s) {
                return !s.toString().isBlank();
            }
            if (value instanceof Collection<?> c) {
                return !c.isEmpty();
            }
            return value != null;
        }
    }
}
