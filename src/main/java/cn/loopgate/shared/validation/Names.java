package cn.loopgate.shared.validation;

import java.text.Normalizer;

/**
 * The one rule for names of people and firms, wherever they are accepted (API, pages, roster import):
 * trimmed and NFC-normalised (so "é" typed two ways is one name), and refused when they hold characters
 * nobody can see or read back — control characters, format characters (zero-width spaces, byte-order
 * marks, bidi overrides that reverse what a reviewer reads), unpaired surrogates (PostgreSQL stores them
 * as "?") — or nothing but spaces. Refused, not silently cleaned: the caller learns what was wrong.
 */
public final class Names {

    private Names() {
    }

    /** Trimmed and NFC-normalised; null stays null, blank becomes empty (and fails {@link Required}). */
    public static String normalize(String name) {
        if (name == null) {
            return null;
        }
        return Normalizer.normalize(name.strip(), Normalizer.Form.NFC).strip();
    }

    /** True when the name holds only visible text (null and empty pass: {@link Required} decides those). */
    public static boolean acceptable(String name) {
        if (name == null || name.isEmpty()) {
            return true;
        }
        boolean visible = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            switch (Character.getType(cp)) {
                case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
                        Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE, Character.UNASSIGNED -> {
                    return false;
                }
                default -> visible |= !Character.isWhitespace(cp) && !Character.isSpaceChar(cp);
            }
        }
        return visible;
    }
}
