package cn.loopgate.shared;

/**
 * Formula injection (CSV/Excel injection), in one place for every reader and writer of spreadsheets. A
 * cell whose text starts with {@code = + - @}, a tab or a carriage return may be run by Excel, WPS or
 * LibreOffice as a formula (for example {@code +SUM(1+1)*cmd|' /C calc'!A0} starts a program through DDE).
 * Imports refuse such cells ({@link #formulaLike}); every export writes text through {@link #neutralize},
 * which prefixes an apostrophe so the spreadsheet shows the text and runs nothing. Numbers written as
 * numeric cells (a negative figure in the dashboard's export) are not text and need no prefix.
 */
public final class SpreadsheetCells {

    /** The first characters that make a spreadsheet treat text as a formula. */
    public static final String FORMULA_START = "=+-@\t\r";

    private SpreadsheetCells() {
    }

    /** True when a spreadsheet could run this text as a formula (leading spaces are skipped first, as Excel does). */
    public static boolean formulaLike(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        if (text.charAt(0) == '\t' || text.charAt(0) == '\r') {
            return true;
        }
        String t = text.stripLeading();
        return !t.isEmpty() && FORMULA_START.indexOf(t.charAt(0)) >= 0;
    }

    /** The text as an export must write it: formula-like text gets a leading apostrophe. */
    public static String neutralize(String text) {
        return formulaLike(text) ? "'" + text : text;
    }
}
