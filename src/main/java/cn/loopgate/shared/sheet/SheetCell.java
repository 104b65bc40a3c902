package cn.loopgate.shared.sheet;

/**
 * One cell as read: its text, whether it held a formula (never evaluated: the text is the cached result, if
 * any), and whether it was a number (an 18-digit ID stored as a number has lost digits; a date is a serial).
 */
public record SheetCell(String text, boolean formula, boolean numeric) {
    public static final SheetCell EMPTY = new SheetCell("", false, false);
}
