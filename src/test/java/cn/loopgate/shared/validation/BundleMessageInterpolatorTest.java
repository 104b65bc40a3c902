package cn.loopgate.shared.validation;

import cn.loopgate.firm.FirmData;
import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundleMessageInterpolatorTest {

    @Test
    void resolvesKeysAndAttributesInBothLanguages() {
        Map<String, Object> attrs = Map.of("max", 200);
        assertEquals("不能超过 200 个字符。", BundleMessageInterpolator.resolve("{validation.tooLong}", attrs, Locale.SIMPLIFIED_CHINESE));
        assertEquals("At most 200 characters.", BundleMessageInterpolator.resolve("{validation.tooLong}", attrs, Locale.ENGLISH));
    }

    @Test
    void builtInConstraintsFallBackToOurTexts() {
        assertEquals("必填。", BundleMessageInterpolator.resolve("{jakarta.validation.constraints.NotNull.message}", Map.of(), Locale.CHINA));
    }

    @Test
    void validatesAFirmCommandWithLocalizedMessages() {
        Validator v = Validation.byDefaultProvider().configure()
                .messageInterpolator(new BundleMessageInterpolator()).buildValidatorFactory().getValidator();
        FirmData bad = new FirmData("91350100M000100Y44", "x".repeat(201), 1L, true, FourAbove.INDUSTRY, Industry.FOOD,
                -1, "张三", "李四", "12345", null, null);
        Set<ConstraintViolation<FirmData>> violations = v.validate(bad);
        Set<String> fields = violations.stream().map(c -> c.getPropertyPath().toString()).collect(Collectors.toSet());
        assertEquals(Set.of("creditCode", "name", "registeredStaff", "contactPhone"), fields);
        assertTrue(violations.stream().anyMatch(c -> c.getMessage().contains("GB 32100")));
    }
}
