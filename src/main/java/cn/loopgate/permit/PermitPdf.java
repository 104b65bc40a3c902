package cn.loopgate.permit;

import cn.loopgate.shared.pdf.CjkFont;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.util.Matrix;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Prints permits: whitelist cards (ISO ID-1 credit-card size, ten to an A4 sheet with cut lines),
 * vehicle passes (one A5 page each, for the windscreen) and resumption certificates (one A4 page
 * each). One document and one font subset per call; page content goes to a scratch file and the QR
 * codes are drawn as vector squares (no images), so a batch of a thousand cards holds neither a
 * thousand documents nor a thousand images in memory.
 */
public final class PermitPdf {

    /** One permit as printed: texts already formatted (holder masked, dates in the park's zone). */
    public record Sheet(PermitType type, String number, String firm, String park, String holder,
                        String validFrom, String validTo, String issuedOn, String qr) {
    }

    private static final float MM = 72f / 25.4f;
    private static final float CARD_W = 85.6f * MM;
    private static final float CARD_H = 53.98f * MM;
    private static final int CARD_COLS = 2;
    private static final int CARD_ROWS = 5;

    private final BiFunction<String, Object[], String> labels;
    private final Map<String, String> fixedLabels = new HashMap<>();

    /** {@code labels} turns a message key and its arguments into text (Chinese on permits). */
    public PermitPdf(BiFunction<String, Object[], String> labels) {
        this.labels = labels;
    }

    /** Writes all sheets (all of {@code type}) as one PDF to {@code out}. */
    public void write(PermitType type, Iterator<Sheet> sheets, OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
             CjkFont cjk = CjkFont.load(doc)) {
            PDFont font = cjk.font();
            switch (type) {
                case CARD -> cards(doc, font, sheets);
                case PASS -> singles(doc, font, sheets, PDRectangle.A5);
                case CERTIFICATE -> singles(doc, font, sheets, PDRectangle.A4);
            }
            if (doc.getNumberOfPages() == 0) {
                doc.addPage(new PDPage(PDRectangle.A4));
            }
            doc.save(out);
        }
    }

    private void cards(PDDocument doc, PDFont font, Iterator<Sheet> sheets) throws IOException {
        PDRectangle a4 = PDRectangle.A4;
        float left = (a4.getWidth() - CARD_COLS * CARD_W) / 2;
        float top = a4.getHeight() - (a4.getHeight() - CARD_ROWS * CARD_H) / 2;
        while (sheets.hasNext()) {
            PDPage page = new PDPage(a4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                for (int i = 0; i < CARD_COLS * CARD_ROWS && sheets.hasNext(); i++) {
                    float x = left + (i % CARD_COLS) * CARD_W;
                    float y = top - (i / CARD_COLS + 1) * CARD_H;
                    card(cs, font, sheets.next(), x, y);
                }
            }
        }
    }

    private void card(PDPageContentStream cs, PDFont font, Sheet s, float x, float y) throws IOException {
        // cut line
        cs.setStrokingColor(0.6f, 0.6f, 0.6f);
        cs.setLineWidth(0.3f);
        cs.setLineDashPattern(new float[]{2, 2}, 0);
        cs.addRect(x, y, CARD_W, CARD_H);
        cs.stroke();
        cs.setLineDashPattern(new float[]{}, 0);
        // title band
        cs.setNonStrokingColor(0.75f, 0.1f, 0.1f);
        cs.addRect(x + 1, y + CARD_H - 22, CARD_W - 2, 21);
        cs.fill();
        cs.setNonStrokingColor(1f, 1f, 1f);
        text(cs, font, 12, x + 8, y + CARD_H - 16, label("permit.pdf." + s.type()), CARD_W - 16);
        cs.setNonStrokingColor(0f, 0f, 0f);
        float qrSize = 30 * MM;
        float qrX = x + CARD_W - qrSize - 5;
        float qrY = y + 8;
        qr(cs, s.qr(), qrX, qrY, qrSize);
        float tx = x + 8;
        float width = qrX - tx - 4;
        float line = y + CARD_H - 33;
        float size = 7f;
        for (String l : cardFields(s)) {
            text(cs, font, size, tx, line, l, width);
            line -= size + 3.6f;
        }
        text(cs, font, 5.5f, tx, y + 6, label("permit.pdf.scanHint"), width);
    }

    private void singles(PDDocument doc, PDFont font, Iterator<Sheet> sheets, PDRectangle size) throws IOException {
        boolean a5 = size == PDRectangle.A5;
        float w = size.getWidth();
        float h = size.getHeight();
        while (sheets.hasNext()) {
            Sheet s = sheets.next();
            PDPage page = new PDPage(size);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                float margin = (a5 ? 14 : 22) * MM;
                cs.setStrokingColor(0.75f, 0.1f, 0.1f);
                cs.setLineWidth(a5 ? 3 : 4);
                cs.addRect(margin / 2, margin / 2, w - margin, h - margin);
                cs.stroke();
                cs.setNonStrokingColor(0.75f, 0.1f, 0.1f);
                String title = label("permit.pdf." + s.type());
                float titleSize = a5 ? 30 : 34;
                centered(cs, font, titleSize, w, h - margin - titleSize - 6, title);
                cs.setNonStrokingColor(0f, 0f, 0f);
                float fieldSize = a5 ? 13 : 14;
                float line = h - margin - titleSize - 40;
                if (!a5) {
                    text(cs, font, fieldSize, margin, line, label("permit.pdf.certificateText"), w - 2 * margin);
                    line -= fieldSize * 2.2f;
                }
                for (String l : fields(s)) {
                    text(cs, font, fieldSize, margin, line, l, w - 2 * margin);
                    line -= fieldSize * 1.8f;
                }
                float qrSize = (a5 ? 62 : 60) * MM;
                qr(cs, s.qr(), (w - qrSize) / 2, margin + 22, qrSize);
                centered(cs, font, a5 ? 9 : 10, w, margin + 8, label("permit.pdf.scanHint"));
            }
        }
    }

    /** Passes and certificates: one line per field (a certificate's holder is its firm, shown once). */
    private List<String> fields(Sheet s) {
        List<String> lines = new ArrayList<>();
        lines.add(label("permit.pdf.number") + "：" + s.number());
        if (s.type() != PermitType.CERTIFICATE) {
            lines.add(label("permit.pdf.holder." + s.type()) + "：" + s.holder());
        }
        lines.add(label("permit.pdf.firm") + "：" + s.firm());
        lines.add(label("permit.pdf.park") + "：" + s.park());
        lines.add(label("permit.pdf.validity") + "：" + labels.apply("permit.pdf.validityRange", new Object[]{s.validFrom(), s.validTo()}));
        lines.add(label("permit.pdf.issuer") + "：" + s.park() + "  " + s.issuedOn());
        return lines;
    }

    /** Cards are narrow: the validity takes two lines. */
    private List<String> cardFields(Sheet s) {
        String range = labels.apply("permit.pdf.validityRange", new Object[]{s.validFrom(), s.validTo()});
        int cut = range.indexOf(s.validTo());
        return List.of(
                label("permit.pdf.number") + "：" + s.number(),
                label("permit.pdf.holder." + s.type()) + "：" + s.holder(),
                label("permit.pdf.firm") + "：" + s.firm(),
                label("permit.pdf.park") + "：" + s.park(),
                label("permit.pdf.validity") + "：" + (cut > 0 ? range.substring(0, cut).strip() : range),
                cut > 0 ? "　　　" + range.substring(cut) : "",
                label("permit.pdf.issuer") + "：" + s.park() + "  " + s.issuedOn());
    }

    /** Labels without arguments, looked up once per document (a 1,000-card sheet asks ~10,000 times). */
    private String label(String key) {
        return fixedLabels.computeIfAbsent(key, k -> labels.apply(k, new Object[0]));
    }

    private static void centered(PDPageContentStream cs, PDFont font, float size, float pageWidth, float y, String t) throws IOException {
        float tw = font.getStringWidth(t) / 1000 * size;
        text(cs, font, size, Math.max(10, (pageWidth - tw) / 2), y, t, pageWidth - 20);
    }

    /** One line, cut with "..." when wider than {@code maxWidth}. */
    static void text(PDPageContentStream cs, PDFont font, float size, float x, float y, String t, float maxWidth) throws IOException {
        String shown = fit(font, size, t == null ? "" : t, maxWidth);
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(shown);
        cs.endText();
    }

    static String fit(PDFont font, float size, String t, float maxWidth) throws IOException {
        if (font.getStringWidth(t) / 1000 * size <= maxWidth) {
            return t;
        }
        int[] cps = t.codePoints().toArray();
        for (int n = cps.length - 1; n > 0; n--) {
            String cut = new String(cps, 0, n) + "...";
            if (font.getStringWidth(cut) / 1000 * size <= maxWidth) {
                return cut;
            }
        }
        return "...";
    }

    /**
     * QR hints: byte mode in ISO-8859-1, error correction M, and one fixed mask pattern. zxing otherwise
     * builds the matrix with each of the eight masks and scores them (ISO 18004 penalty rules), which was
     * half of the time of a 1,000-card print (docs/performance.md, "Bulk operations"). The score keeps
     * large uniform areas and finder-like patterns out of structured data; our payload is mostly an
     * Ed25519 signature in base64, so every mask leaves it equally noisy, and scanners read any mask.
     */
    private static final Map<EncodeHintType, Object> QR_HINTS = Map.of(EncodeHintType.CHARACTER_SET, "ISO-8859-1",
            EncodeHintType.QR_MASK_PATTERN, 0);

    /**
     * The QR code as filled squares (runs of dark modules merged), quiet zone left white. The runs are
     * drawn in module units (a transformation scales them), so the content stream holds small integers.
     */
    static void qr(PDPageContentStream cs, String content, float x, float y, float size) throws IOException {
        ByteMatrix m;
        try {
            m = Encoder.encode(content, ErrorCorrectionLevel.M, QR_HINTS).getMatrix();
        } catch (WriterException e) {
            throw new IOException("QR code not encodable", e);
        }
        int quiet = 4;
        int n = m.getWidth();
        float module = size / (n + 2 * quiet);
        cs.setNonStrokingColor(1f, 1f, 1f);
        cs.addRect(x, y, size, size);
        cs.fill();
        cs.saveGraphicsState();
        // origin at the top-left dark-module corner, one unit per module, rows downwards as negative y
        cs.transform(new Matrix(module, 0, 0, module, x + quiet * module, y + size - quiet * module));
        cs.setNonStrokingColor(0f, 0f, 0f);
        for (int row = 0; row < n; row++) {
            int col = 0;
            while (col < n) {
                if (m.get(col, row) != 1) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < n && m.get(col, row) == 1) {
                    col++;
                }
                cs.addRect(start, -(row + 1), col - start, 1);
            }
        }
        cs.fill();
        cs.restoreGraphicsState();
    }
}
