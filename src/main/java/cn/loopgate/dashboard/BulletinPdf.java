package cn.loopgate.dashboard;

import cn.loopgate.shared.Messages;
import cn.loopgate.shared.pdf.CjkFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Lays out a {@link BulletinDocument} as an official document (公文) on A4: the issuing body's mark in red
 * over a red rule, the title, the body with indented paragraphs, the table per park (header repeated on a
 * new page, totals last), one bar chart drawn as vector graphics, the note, the signature (issuing body and
 * date, right-aligned) and page numbers "— n —". Lines break by {@link LineBreaker}. Everything stays
 * inside the margins: long names wrap inside their cell, a mark too long for one line shrinks.
 */
public final class BulletinPdf {

    static final float MARGIN_X = 64;
    static final float MARGIN_TOP = 64;
    static final float MARGIN_BOTTOM = 72;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN_X;
    private static final Color RED = new Color(200, 16, 16);
    private static final Color BAR = new Color(46, 94, 170);
    private static final Color GRID = new Color(190, 190, 190);
    private static final Color HEADER_FILL = new Color(235, 235, 235);
    private static final float BODY = 12;
    private static final float TABLE = 8.5f;

    private final PDDocument doc;
    private final PDFont font;
    private final BulletinDocument b;
    private PDPageContentStream out;
    private float y;

    private BulletinPdf(PDDocument doc, PDFont font, BulletinDocument b) {
        this.doc = doc;
        this.font = font;
        this.b = b;
    }

    public static byte[] render(BulletinDocument b) {
        try (PDDocument doc = new PDDocument(); CjkFont cjk = CjkFont.load(doc)) {
            new BulletinPdf(doc, cjk.font(), b).write();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write() throws IOException {
        newPage();
        masthead();
        for (String line : LineBreaker.wrap(b.title(), WIDTH, s -> width(s, 18))) {
            centered(line, 18, Color.BLACK);
            y -= 18 * 1.5f;
        }
        y -= 10;
        for (String p : b.paragraphs()) {
            paragraph(p, BODY, true);
        }
        y -= 8;
        table();
        y -= 14;
        chart();
        y -= 10;
        paragraph(b.note(), 10, false);
        signature();
        out.close();
        pageNumbers();
    }

    private void masthead() throws IOException {
        float size = 26;
        while (size > 12 && width(b.issuer(), size) > WIDTH) {
            size -= 1;
        }
        centered(b.issuer(), size, RED);
        y -= size + 14;
        if (b.number() != null) {
            centered(b.number(), 11, Color.BLACK);
            y -= 11 + 10;
        }
        out.setStrokingColor(RED);
        out.setLineWidth(2);
        out.moveTo(MARGIN_X, y);
        out.lineTo(MARGIN_X + WIDTH, y);
        out.stroke();
        y -= 36;
    }

    private void paragraph(String text, float size, boolean indent) throws IOException {
        float lead = size * 1.75f;
        float first = indent ? 2 * size : 0;
        List<String> lines = LineBreaker.wrap(text, WIDTH - first, WIDTH, s -> width(s, size));
        for (int i = 0; i < lines.size(); i++) {
            room(lead);
            text(lines.get(i), MARGIN_X + (i == 0 ? first : 0), y - size, size, Color.BLACK);
            y -= lead;
        }
        y -= size * 0.4f;
    }

    /** The table per park: column widths from the header and cells, names wrap within the first column. */
    private void table() throws IOException {
        room(60);
        centered(b.tableCaption(), 11, Color.BLACK);
        y -= 11 * 1.8f;
        int cols = b.tableHeader().size();
        float[] w = columnWidths(cols);
        drawRow(b.tableHeader(), w, true);
        for (List<String> row : b.tableRows()) {
            float h = rowHeight(row, w);
            if (y - h < MARGIN_BOTTOM) {
                out.close();
                newPage();
                drawRow(b.tableHeader(), w, true);
            }
            drawRow(row, w, false);
        }
    }

    /**
     * Figures' columns as wide as their widest cell, and wide enough for the header in about two lines; the
     * park column takes the rest (at least a quarter of the width). When the figures need more, they shrink
     * towards their cells' width, the headers then wrap more.
     */
    private float[] columnWidths(int cols) {
        float[] cells = new float[cols];
        float[] wanted = new float[cols];
        for (int c = 1; c < cols; c++) {
            for (List<String> row : b.tableRows()) {
                cells[c] = Math.max(cells[c], width(row.get(c), TABLE) + 6);
            }
            cells[c] = Math.max(cells[c], widestWord(b.tableHeader().get(c)) + 6);
            wanted[c] = Math.max(cells[c], width(b.tableHeader().get(c), TABLE) / 2 + 8);
        }
        float wantedSum = 0;
        float cellSum = 0;
        for (int c = 1; c < cols; c++) {
            wantedSum += wanted[c];
            cellSum += cells[c];
        }
        float available = WIDTH - Math.max(WIDTH / 4, Math.min(WIDTH - wantedSum, 150));
        // Between the cells' width (t = 0) and the wanted width (t = 1), as far as the space allows.
        float t = wantedSum <= available ? 1 : Math.max(0, (available - cellSum) / (wantedSum - cellSum));
        float[] w = new float[cols];
        float used = 0;
        for (int c = 1; c < cols; c++) {
            w[c] = cells[c] + (wanted[c] - cells[c]) * t;
            used += w[c];
        }
        w[0] = WIDTH - used;
        return w;
    }

    /** The narrowest a header may get: its longest Latin word, or two CJK characters. */
    private float widestWord(String header) {
        float max = 0;
        for (String word : header.split(" ")) {
            boolean cjk = word.chars().anyMatch(ch -> ch >= 0x2E80);
            if (!cjk) {
                max = Math.max(max, width(word, TABLE));
                continue;
            }
            for (int i = 0; i + 1 < word.length(); i++) {
                max = Math.max(max, width(word.substring(i, i + 2), TABLE));
            }
        }
        return max;
    }

    private float rowHeight(List<String> row, float[] w) {
        int lines = 1;
        for (int c = 0; c < row.size(); c++) {
            lines = Math.max(lines, cellLines(row.get(c), w[c]).size());
        }
        return lines * TABLE * 1.35f + 8;
    }

    private List<String> cellLines(String text, float w) {
        return LineBreaker.wrap(text, w - 6, s -> width(s, TABLE));
    }

    private void drawRow(List<String> row, float[] w, boolean header) throws IOException {
        float h = rowHeight(row, w);
        float x = MARGIN_X;
        if (header) {
            out.setNonStrokingColor(HEADER_FILL);
            out.addRect(MARGIN_X, y - h, WIDTH, h);
            out.fill();
        }
        out.setStrokingColor(Color.BLACK);
        out.setLineWidth(0.5f);
        for (int c = 0; c < row.size(); c++) {
            out.addRect(x, y - h, w[c], h);
            out.stroke();
            float ty = y - 4 - TABLE;
            for (String line : cellLines(row.get(c), w[c])) {
                float lw = width(line, TABLE);
                float tx = header || c == 0 ? (c == 0 ? x + 3 : x + (w[c] - lw) / 2) : x + w[c] - 3 - lw;
                text(line, tx, ty, TABLE, Color.BLACK);
                ty -= TABLE * 1.35f;
            }
            x += w[c];
        }
        y -= h;
    }

    /** Horizontal bars, one per park, 0–100 % with grid lines at every 20 %. */
    private void chart() throws IOException {
        List<BulletinDocument.Bar> bars = b.bars();
        float barH = 12;
        float gap = 6;
        float height = bars.size() * (barH + gap) + 24;
        room(height + 24);
        centered(b.chartCaption(), 11, Color.BLACK);
        y -= 11 * 1.8f;
        float labelW = 130;
        float x0 = MARGIN_X + labelW;
        float span = WIDTH - labelW - 40;
        float top = y;
        float bottom = y - bars.size() * (barH + gap);
        out.setStrokingColor(GRID);
        out.setLineWidth(0.5f);
        for (int pct = 0; pct <= 100; pct += 20) {
            float gx = x0 + span * pct / 100f;
            out.moveTo(gx, top);
            out.lineTo(gx, bottom);
            out.stroke();
            String t = pct + "%";
            text(t, gx - width(t, 7) / 2, bottom - 10, 7, Color.DARK_GRAY);
        }
        float by = top;
        for (BulletinDocument.Bar bar : bars) {
            by -= barH + gap;
            String label = fitted(bar.label(), labelW - 8, 8.5f);
            text(label, x0 - 6 - width(label, 8.5f), by + 3, 8.5f, Color.BLACK);
            float len = bar.percent() == null ? 0 : (float) (span * Math.min(100, bar.percent()) / 100);
            out.setNonStrokingColor(BAR);
            out.addRect(x0, by, len, barH);
            out.fill();
            text(bar.text(), x0 + len + 4, by + 3, 8.5f, Color.BLACK);
        }
        y = bottom - 24;
    }

    /** A chart label cut with "…" to fit its column (the table beside it carries the full name). */
    private String fitted(String s, float max, float size) {
        if (width(s, size) <= max) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && width(t + "…", size) > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    private void signature() throws IOException {
        room(BODY * 6);
        y -= BODY * 1.5f;
        for (String line : LineBreaker.wrap(b.signature(), WIDTH / 2, s -> width(s, BODY))) {
            text(line, MARGIN_X + WIDTH - BODY * 2 - width(line, BODY), y - BODY, BODY, Color.BLACK);
            y -= BODY * 1.6f;
        }
        text(b.signatureDate(), MARGIN_X + WIDTH - BODY * 2 - width(b.signatureDate(), BODY), y - BODY, BODY, Color.BLACK);
        y -= BODY * 1.8f;
        if (b.generatedAt() != null) {
            text(b.generatedAt(), MARGIN_X + WIDTH - width(b.generatedAt(), 9), y - 9, 9, Color.DARK_GRAY);
            y -= 14;
        }
    }

    private void pageNumbers() throws IOException {
        Locale loc = b.english() ? Messages.ENGLISH : Messages.DEFAULT_LOCALE;
        int n = 0;
        for (PDPage page : doc.getPages()) {
            String t = Messages.get(loc, "bulletin.page", String.valueOf(++n));
            try (PDPageContentStream s = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                s.beginText();
                s.setNonStrokingColor(Color.BLACK);
                s.setFont(font, 10);
                s.newLineAtOffset((PDRectangle.A4.getWidth() - width(t, 10)) / 2, MARGIN_BOTTOM / 2);
                s.showText(t);
                s.endText();
            }
        }
    }

    /** Starts a new page when less than {@code needed} points remain above the bottom margin. */
    private void room(float needed) throws IOException {
        if (y - needed < MARGIN_BOTTOM) {
            out.close();
            newPage();
        }
    }

    private void newPage() throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        out = new PDPageContentStream(doc, page);
        y = PDRectangle.A4.getHeight() - MARGIN_TOP;
    }

    private void centered(String s, float size, Color color) throws IOException {
        text(s, (PDRectangle.A4.getWidth() - width(s, size)) / 2, y - size, size, color);
    }

    private void text(String s, float x, float baseline, float size, Color color) throws IOException {
        out.beginText();
        out.setNonStrokingColor(color);
        out.setFont(font, size);
        out.newLineAtOffset(x, baseline);
        out.showText(s);
        out.endText();
    }

    private float width(String s, float size) {
        try {
            return font.getStringWidth(s) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
