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

/** Text length in characters (code points) between {@code min} and {@code max}; null passes. */
@Documented
@Constraint(validatedBy = Length.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Length {
    int min() default 0;

    int max();

    String message() default "{validation.tooLong}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Length, CharSequence> {
        private int min;
        private int max;

        @Override
        public void initialize(Length a) {
            min = a.min();
            max = a.max();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int n = value.toString().codePointCount(0, value.length());
            return n >= min && n <= max;
        }
    }
}
