package cn.loopgate.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks a paragraph into lines no wider than a measure, the way Chinese typesetting does (GB/T 15834
 * kinsoku): a line never starts with closing punctuation (，。、；：？！）》」』” …) and never ends with an
 * opening one (（《「『“); CJK text may break between any two characters, Latin words only at spaces or after
 * a hyphen, and a
 * run of digits with its "%" or "." stays whole. Where a rule would be broken, the character before the
 * break moves down to the next line (the line comes out a little short, never over-long).
 */
public final class LineBreaker {

    /** Characters that may not begin a line. */
    public static final String NO_START = "，。、；：？！）》」』〕】〉”’％%,.;:?!)]}…·~";
    /** Characters that may not end a line. */
    public static final String NO_END = "（《「『〔【〈“‘([{";

    /** Width of a string in the caller's units. */
    public interface Measure {
        float width(String s);
    }

    private LineBreaker() {
    }

    public static List<String> wrap(String text, float max, Measure measure) {
        return wrap(text, max, max, measure);
    }

    /** As {@link #wrap(String, float, Measure)}, the first line {@code firstMax} wide (an indented paragraph). */
    public static List<String> wrap(String text, float firstMax, float max, Measure measure) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            while (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
            if (start >= text.length()) {
                break;
            }
            int end = fit(text, start, lines.isEmpty() ? firstMax : max, measure);
            if (end < text.length()) {
                end = adjust(text, start, end);
            }
            lines.add(text.substring(start, end).strip());
            start = end;
        }
        return lines;
    }

    /** The end (exclusive) of the longest prefix from {@code start} that fits; at least one character. */
    private static int fit(String text, int start, float max, Measure measure) {
        int end = start + 1;
        while (end < text.length() && measure.width(text.substring(start, end + 1)) <= max) {
            end++;
        }
        return end;
    }

    /** Moves a break back so it is allowed: not inside a Latin word or number, no forbidden start or end. */
    private static int adjust(String text, int start, int end) {
        int e = end;
        while (e > start + 1 && !allowed(text, e)) {
            e--;
        }
        return e == start + 1 && !allowed(text, e) ? end : e;
    }

    /** Whether a line may break before index {@code i}. */
    static boolean allowed(String text, int i) {
        char before = text.charAt(i - 1);
        char after = text.charAt(i);
        if (NO_START.indexOf(after) >= 0 || NO_END.indexOf(before) >= 0) {
            return false;
        }
        if (after == ' ' || before == ' ' || before == '-') {
            return true;
        }
        // Inside a run of Latin letters or digits (a word, "42.9", "2026"), never.
        return !(latin(before) && latin(after));
    }

    private static boolean latin(char c) {
        return c < 0x2E80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '/' || c == '\'');
    }
}
