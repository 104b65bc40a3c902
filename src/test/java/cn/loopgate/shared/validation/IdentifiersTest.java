package cn.loopgate.shared.validation;

import cn.loopgate.demo.Fakes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentifiersTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    // ---- GB 32100: the standard's own worked example, and codes published by registries ----

    @ParameterizedTest
    @ValueSource(strings = {
            "91350100M000100Y43",  // GB 32100-2015 example
            "91110000600037341L",  // published code of a Beijing company
            "12100000400000624D"}) // public institution (12)
    void acceptsPublishedCreditCodes(String code) {
        assertTrue(Identifiers.isCreditCode(code), code);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "91350100M000100Y44",  // check character off by one
            "91350100M000100Y4",   // 17 characters
            "91350100M000100Y431", // 19 characters
            "91350100m000100Y43",  // lower case
            "91350100M00010OY43",  // letter O is not in the character set
            "9135010AM000100Y43",  // region code must be digits
            "",
            "９１３５０１００Ｍ０００１００Ｙ４３"}) // full-width
    void rejectsBadCreditCodes(String code) {
        assertFalse(Identifiers.isCreditCode(code), code);
    }

    @Test
    void rejectsNullCreditCode() {
        assertFalse(Identifiers.isCreditCode(null));
    }

    @Test
    void checkCharacterOfTheStandardExample() {
        assertEquals('3', Identifiers.creditCheckChar("91350100M000100Y4"));
    }

    // ---- GB 11643: the standard's example and other published numbers ----

    @ParameterizedTest
    @ValueSource(strings = {
            "11010519491231002X",  // GB 11643-1999 example
            "110101199003077379"})
    void acceptsValidResidentIds(String id) {
        assertTrue(Identifiers.isResidentId(id, TODAY), id);
    }

    @Test
    void checkDigitOfASecondPublishedExampleButItsBirthYearIsImplausible() {
        // 440524188001010014 is the other example printed with GB 11643: check digit 4, born 1880.
        assertEquals('4', Identifiers.residentIdCheckChar("44052418800101001"));
        assertFalse(Identifiers.isResidentId("440524188001010014", TODAY), "births before 1900 are refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "110105194912310021",  // wrong check digit (should be X)
            "11010519491231002x",  // lower-case x
            "11010519491331002X",  // month 13
            "11010519490230002X",  // 30 February
            "99010519491231002X",  // no province 99
            "110105203012310020",  // born in the future
            "11010519491231002",   // 17 characters
            "1101051949123100211"})
    void rejectsBadResidentIds(String id) {
        assertFalse(Identifiers.isResidentId(id, TODAY), id);
    }

    @Test
    void generatedIdentitiesAreValid() {
        Fakes fakes = new Fakes(7);
        for (int i = 0; i < 1000; i++) {
            assertTrue(Identifiers.isResidentId(fakes.residentId("320583"), TODAY));
            assertTrue(Identifiers.isCreditCode(fakes.creditCode("320583")));
            assertTrue(Identifiers.isMobile(fakes.mobile()));
        }
    }

    // ---- Mobiles and plates ----

    @ParameterizedTest
    @ValueSource(strings = {"13800138000", "19912345678", "16612345678"})
    void acceptsMobiles(String phone) {
        assertTrue(Identifiers.isMobile(phone));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12800138000", "1380013800", "138001380001", "+8613800138000", "1380013800a"})
    void rejectsBadMobiles(String phone) {
        assertFalse(Identifiers.isMobile(phone));
    }

    @ParameterizedTest
    @ValueSource(strings = {"苏E12345", "京A8K9Z2", "粤B1234挂", "沪AD12345", "苏EF23456", "浙A12345D"})
    void acceptsPlates(String plate) {
        assertTrue(Identifiers.isPlate(plate), plate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"苏E1234", "AB12345", "苏I12345", "苏E1234O", "京A123456", "苏ED1234Z", "苏e12345"})
    void rejectsBadPlates(String plate) {
        assertFalse(Identifiers.isPlate(plate), plate);
    }

    @Test
    void tellsNewEnergyPlates() {
        assertTrue(Identifiers.isNewEnergyPlate("沪AD12345"));
        assertTrue(Identifiers.isNewEnergyPlate("浙A12345D"));
        assertFalse(Identifiers.isNewEnergyPlate("苏E12345"));
    }
}
