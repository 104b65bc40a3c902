package cn.loopgate.shared.rest;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 19, item 2: whole-number fields take whole numbers in range, named when refused. */
class StrictNumbersTest {

    static final long[] INT = {Integer.MIN_VALUE, Integer.MAX_VALUE};

    @Test
    void overflowsAndFractionsAreRefusedAndWholeNumbersInAnyNotationPass() {
        for (String bad : List.of("1e309", "1.5", "2147483648", "-2147483649", "-1e400", "0.0000001")) {
            assertFalse(StrictNumbers.fits(new BigDecimal(bad), INT), bad);
        }
        for (String ok : List.of("0", "-0", "1.0e1", "2147483647", "-2147483648", "3.000", "0e5")) {
            assertTrue(StrictNumbers.fits(new BigDecimal(ok), INT), ok);
        }
    }
}
