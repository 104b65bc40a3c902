package cn.loopgate.dashboard;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RatioTest {

    @Test
    void roundsHalfUpToOneDecimalAndShowsNumeratorAndDenominator() {
        Ratio r = Ratio.of(3, 7);
        assertEquals(new BigDecimal("42.9"), r.percent());
        assertEquals("42.9%", r.percentText());
        assertEquals("3", r.numeratorText());
        assertEquals("7", r.denominatorText());
        assertEquals("50%", Ratio.of(2, 4).percentText());
        assertEquals("43.8%", Ratio.of(105, 240).percentText()); // 43.75 rounds up
    }

    @Test
    void noDenominatorNoPercentage() {
        assertNull(Ratio.of(0, 0).percent());
        assertEquals("-", Ratio.of(0, 0).percentText());
    }

    @Test
    void capacityNumeratorKeepsItsDecimals() {
        Figures f = Figures.of("k", "l", null, null, 1, 0, 0, 460, 18_250, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("182.5", f.capacity().numeratorText());
        assertEquals("39.7%", f.capacity().percentText()); // 182.5 / 460 = 39.67
    }
}
