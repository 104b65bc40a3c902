package cn.loopgate.shared.sheet;

import org.apache.poi.ss.usermodel.DateUtil;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Turning numeric cells back into what the user typed. */
public final class SheetValues {

    private SheetValues() {
    }

    /** A numeric cell's text without exponent or trailing ".0" (a phone or a headcount typed as a number). */
    public static String plainNumber(String raw) {
        try {
            return new BigDecimal(raw.strip()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    /** An Excel date serial (a numeric cell) as a day, or null. */
    public static LocalDate excelDate(String raw) {
        try {
            double d = Double.parseDouble(raw.strip());
            return DateUtil.isValidExcelDate(d) ? DateUtil.getLocalDateTime(d).toLocalDate() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
