package cn.loopgate.shared.validation;

import cn.loopgate.shared.TimeZones;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

/**
 * Bean Validation for {@link Identifiers#isResidentId}; null passes (combine with {@link Required}).
 * "Today" for the birth date comes from the validation clock, which {@link AppClockProvider} ties to
 * the application's injected clock.
 */
@Documented
@Constraint(validatedBy = ResidentId.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ResidentId {
    String message() default "{validation.residentId}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ResidentId, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Identifiers.isResidentId(value,
                    LocalDate.now(context.getClockProvider().getClock().withZone(TimeZones.CHINA)));
        }
    }
}
