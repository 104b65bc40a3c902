package cn.loopgate.shared.validation;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.SpreadsheetCells;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 19, items 3, 4 and 5: the shared name, file-name and spreadsheet-cell rules. */
class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u200b\ufeff", "\u202e三张", "\ud800x", "x\udfff", "a\u0007b", "\u00a0", "a\u2028b", "\u200d"})
    void invisibleControlFormatAndBrokenCharactersAreRefused(String name) {
        assertFalse(Names.acceptable(Names.normalize(name)), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"张三", "阿卜杜拉·买买提", "O'Brien", "Zoë Smith", "成都某某科技有限公司（二期）", "😀"})
    void ordinaryNamesPass(String name) {
        assertTrue(Names.acceptable(Names.normalize(name)), name);
    }

    @Test
    void namesAreTrimmedAndNfcNormalised() {
        assertEquals("José", Names.normalize("  Jose\u0301 \u3000"));
        assertEquals("", Names.normalize("   "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../../etc/passwd.pdf", "a/b.pdf", "a\\b.pdf", ".htaccess", "a\u0000.pdf", "a\u202e.pdf", "a:b.pdf", " a.pdf"})
    void fileNamesWithPathsOrHiddenCharactersAreRefusedNotRewritten(String name) {
        DomainException e = assertThrows(DomainException.class, () -> FileNames.check("file", name));
        assertEquals("file", e.fieldErrors().get(0).field());
        assertEquals("validation.fileName", e.fieldErrors().get(0).messageKey());
    }

    @Test
    void overLongFileNamesAreRefusedNamingTheField() {
        DomainException e = assertThrows(DomainException.class, () -> FileNames.check("fileName", "x".repeat(101) + ".csv"));
        assertEquals("fileName", e.fieldErrors().get(0).field());
        assertEquals("validation.fileNameTooLong", e.fieldErrors().get(0).messageKey());
        assertEquals("承诺书 (1).pdf", FileNames.check("file", "承诺书 (1).pdf"));
        assertEquals("pdf", FileNames.extension("x.PDF"));
    }

    @Test
    void spreadsheetCellsThatCouldRunAreNeutralised() {
        for (String s : new String[]{"=1+1", "+SUM(1)", "-2+3", "@A1", "\tx", "\rx", "  =1"}) {
            assertTrue(SpreadsheetCells.formulaLike(s), s);
            assertEquals("'" + s, SpreadsheetCells.neutralize(s));
        }
        assertEquals("张三", SpreadsheetCells.neutralize("张三"));
        assertEquals("", SpreadsheetCells.neutralize(""));
        assertEquals(null, SpreadsheetCells.neutralize(null));
    }
}
