package cn.loopgate.shared;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MaskingTest {

    @Test
    void masksResidentIdKeepingRegionAndLastFour() {
        assertEquals("110105********002X", Masking.residentId("11010519491231002X"));
    }

    @Test
    void masksPhoneKeepingPrefixAndLastFour() {
        assertEquals("138****8000", Masking.phone("13800138000"));
    }

    @Test
    void masksNames() {
        assertEquals("张*丰", Masking.name("张三丰"));
        assertEquals("李*", Masking.name("李四"));
        assertEquals("欧**锋", Masking.name("欧阳晓锋"));
        assertEquals("王", Masking.name("王"));
    }

    @Test
    void shortOrMissingValuesAreFullyMasked() {
        assertEquals("*****", Masking.residentId("12345"));
        assertEquals("***", Masking.phone("138"));
        assertNull(Masking.residentId(null));
    }
}
