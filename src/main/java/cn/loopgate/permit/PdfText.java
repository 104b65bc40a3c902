package cn.loopgate.permit;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Text inside a box on a permit: wrapped at characters (Chinese has no spaces; Latin words break at
 * spaces where they can), shrunk step by step down to a smallest size until it fits the lines allowed,
 * and only then cut with "...". Every call sets its own colour.
 */
final class PdfText {

    /** Line height as a multiple of the font size. */
    static final float LEADING = 1.25f;
    /** Where the baseline sits below the top of a line, as a multiple of the font size. */
    private static final float ASCENT = 0.95f;
    /** Closing punctuation never starts a line. */
    private static final String NO_LINE_START = "，。、；：？！）》」』”’,.;:?!)";

    private static final Color LABEL = new Color(80, 80, 80);

    private final PDFont font;

    PdfText(PDFont font) {
        this.font = font;
    }

    float width(String s, float size) throws IOException {
        return font.getStringWidth(s) / 1000 * size;
    }

    /** One line at {@code baseline}, shrunk down to {@code min}, then cut. */
    void line(PDPageContentStream cs, String s, float x, float baseline, float width, float size, float min, Color c) throws IOException {
        float fs = size;
        while (fs > min && width(s, fs) > width) {
            fs = Math.max(min, fs - 0.5f);
        }
        show(cs, cut(s, fs, width), x, baseline, fs, c);
    }

    /** One line centred on {@code cx}. */
    void centered(PDPageContentStream cs, String s, float cx, float baseline, float width, float size, float min, Color c) throws IOException {
        float fs = size;
        while (fs > min && width(s, fs) > width) {
            fs = Math.max(min, fs - 0.5f);
        }
        String shown = cut(s, fs, width);
        show(cs, shown, cx - width(shown, fs) / 2, baseline, fs, c);
    }

    float block(PDPageContentStream cs, String s, float x, float top, float width, float size, float min, int maxLines, Color c) throws IOException {
        return block(cs, s, x, top, width, size, min, maxLines, c, false);
    }

    /** A paragraph whose first line's top is {@code top}; returns the top of what comes below it. */
    float block(PDPageContentStream cs, String s, float x, float top, float width, float size, float min, int maxLines,
                Color c, boolean centre) throws IOException {
        String text = s == null ? "" : s;
        float fs = size;
        List<String> lines = wrap(text, fs, width);
        while (lines.size() > maxLines && fs > min) {
            fs = Math.max(min, fs - 0.5f);
            lines = wrap(text, fs, width);
        }
        lines = limit(lines, maxLines, fs, width);
        float baseline = top - fs * ASCENT;
        for (String l : lines) {
            show(cs, l, centre ? x + (width - width(l, fs)) / 2 : x, baseline, fs, c);
            baseline -= fs * LEADING;
        }
        return top - lines.size() * fs * LEADING;
    }

    /** "label value": the label in grey, the value in black beside it, wrapped lines hanging under the value. */
    float field(PDPageContentStream cs, String label, String value, float x, float top, float width, float size, float min,
                int maxLines) throws IOException {
        String v = value == null ? "" : value;
        float fs = size;
        float indent = width(label, fs) + fs * 0.5f;
        List<String> lines = wrap(v, fs, width - indent);
        while (lines.size() > maxLines && fs > min) {
            fs = Math.max(min, fs - 0.5f);
            indent = width(label, fs) + fs * 0.5f;
            lines = wrap(v, fs, width - indent);
        }
        lines = limit(lines, maxLines, fs, width - indent);
        float baseline = top - fs * ASCENT;
        show(cs, label, x, baseline, fs, LABEL);
        for (String l : lines) {
            show(cs, l, x + indent, baseline, fs, Color.BLACK);
            baseline -= fs * LEADING;
        }
        return top - Math.max(1, lines.size()) * fs * LEADING;
    }

    /** Greedy line breaking at characters, at a space when a Latin word would be split. */
    List<String> wrap(String s, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        int[] cps = s.codePoints().toArray();
        int start = 0;
        while (start < cps.length) {
            int end = start + 1;
            float used = width(new String(cps, start, 1), size);
            while (end < cps.length) {
                // widths add up per character (no kerning in these fonts): linear, not a string per step
                float next = width(new String(cps, end, 1), size);
                if (used + next > width) {
                    break;
                }
                used += next;
                end++;
            }
            if (end < cps.length) {
                int space = lastSpace(cps, start, end);
                if (isLatin(cps[end]) && isLatin(cps[end - 1]) && space > start) {
                    end = space + 1;
                } else if (NO_LINE_START.indexOf(cps[end]) >= 0 && end - start > 1) {
                    end--; // carry the character before the punctuation down with it
                }
            }
            lines.add(new String(cps, start, end - start).strip());
            start = end;
            while (start < cps.length && cps[start] == ' ') {
                start++;
            }
        }
        return lines;
    }

    private List<String> limit(List<String> lines, int maxLines, float size, float width) throws IOException {
        if (lines.size() <= maxLines) {
            return lines;
        }
        List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
        kept.set(maxLines - 1, cut(kept.get(maxLines - 1) + "...", size, width));
        return kept;
    }

    /** The text, or as much as fits followed by "...". */
    String cut(String t, float size, float width) throws IOException {
        if (width(t, size) <= width) {
            return t;
        }
        int[] cps = t.codePoints().toArray();
        for (int n = cps.length - 1; n > 0; n--) {
            String cut = new String(cps, 0, n) + "...";
            if (width(cut, size) <= width) {
                return cut;
            }
        }
        return "...";
    }

    private void show(PDPageContentStream cs, String s, float x, float baseline, float size, Color c) throws IOException {
        if (s.isEmpty()) {
            return;
        }
        cs.setNonStrokingColor(c);
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, baseline);
        cs.showText(s);
        cs.endText();
    }

    private static int lastSpace(int[] cps, int start, int end) {
        for (int i = end - 1; i > start; i--) {
            if (cps[i] == ' ') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isLatin(int cp) {
        return cp < 0x2E80 && Character.isLetterOrDigit(cp);
    }
}
