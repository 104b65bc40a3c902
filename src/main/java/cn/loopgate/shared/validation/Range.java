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

/** A whole number between {@code min} and {@code max} inclusive; null passes. */
@Documented
@Constraint(validatedBy = Range.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Range {
    long min() default Long.MIN_VALUE;

    long max() default Long.MAX_VALUE;

    String message() default "{validation.range}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Range, Number> {
        private long min;
        private long max;

        @Override
        public void initialize(Range a) {
            min = a.min();
            max = a.max();
        }

        @Override
        public boolean isValid(Number value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value instanceof Double || value instanceof Float) {
                double d = value.doubleValue();
                return !Double.isNaN(d) && d >= min && d <= max;
            }
            long v = value.longValue();
            return v >= min && v <= max;
        }
    }
}
