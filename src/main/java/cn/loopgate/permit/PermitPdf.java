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
import org.apache.pdfbox.util.Matrix;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Prints permits: whitelist cards (ISO ID-1 credit-card size, ten to an A4 sheet with cut lines),
 * vehicle passes (one A5 page each, for the windscreen) and resumption certificates (one A4 page
 * each). Layouts are described in docs/permits.md ("Layouts"). One document and one font subset per
 * call; page content goes to a scratch file and the QR codes are drawn as vector squares (no images),
 * so a batch of a thousand cards holds neither a thousand documents nor a thousand images in memory.
 * <p>
 * Every drawing step sets its own colours: a colour left over from the step before once printed all
 * card text white on white (the QR's graphics-state restore brought back the white of its quiet zone).
 */
public final class PermitPdf {

    /**
     * One permit as printed, texts already formatted: holder masked (a card's worker, a pass's driver, a
     * certificate's firm), {@code plate} and {@code route} only on passes, {@code validity} the inclusive
     * date range in the park's zone ("2026-12-05 至 2027-01-03").
     */
    public record Sheet(PermitType type, String number, String firm, String park, String holder, String plate,
                        String route, String validity, String issuedOn, String qr) {
    }

    static final float MM = 72f / 25.4f;
    static final float CARD_W = 85.6f * MM;
    static final float CARD_H = 53.98f * MM;
    static final int CARD_COLS = 2;
    static final int CARD_ROWS = 5;
    private static final Color RED = new Color(191, 26, 26);
    private static final Color INK = Color.BLACK;
    private static final Color LABEL = new Color(80, 80, 80);
    private static final Color CUT = new Color(150, 150, 150);

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
            PdfText text = new PdfText(cjk.font());
            switch (type) {
                case CARD -> cards(doc, text, sheets);
                case PASS -> passes(doc, text, sheets);
                case CERTIFICATE -> certificates(doc, text, sheets);
            }
            if (doc.getNumberOfPages() == 0) {
                doc.addPage(new PDPage(PDRectangle.A4));
            }
            doc.save(out);
        }
    }

    /** The lower-left corner of card {@code slot} (0-9, row by row) on an A4 sheet. */
    static float[] cardOrigin(int slot) {
        PDRectangle a4 = PDRectangle.A4;
        float left = (a4.getWidth() - CARD_COLS * CARD_W) / 2;
        float top = a4.getHeight() - (a4.getHeight() - CARD_ROWS * CARD_H) / 2;
        return new float[]{left + (slot % CARD_COLS) * CARD_W, top - (slot / CARD_COLS + 1) * CARD_H};
    }

    private void cards(PDDocument doc, PdfText text, Iterator<Sheet> sheets) throws IOException {
        while (sheets.hasNext()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                for (int i = 0; i < CARD_COLS * CARD_ROWS && sheets.hasNext(); i++) {
                    float[] o = cardOrigin(i);
                    card(cs, text, sheets.next(), o[0], o[1]);
                }
            }
        }
    }

    /**
     * A card: red band with the title, the QR code on the right (27 mm, the scan hint under it), and on
     * the left the masked holder in large type, then firm (wraps to three lines, shrinks), issuing park,
     * validity, number and issue date. No photo slot: the portal keeps no photos.
     */
    private void card(PDPageContentStream cs, PdfText t, Sheet s, float x, float y) throws IOException {
        cs.setStrokingColor(CUT);
        cs.setLineWidth(0.3f);
        cs.setLineDashPattern(new float[]{2, 2}, 0);
        cs.addRect(x, y, CARD_W, CARD_H);
        cs.stroke();
        cs.setLineDashPattern(new float[]{}, 0);
        fill(cs, RED, x + 1, y + CARD_H - 19, CARD_W - 2, 18);
        t.line(cs, label("permit.pdf." + s.type()), x + 8, y + CARD_H - 14, CARD_W - 16, 10, 7, Color.WHITE);

        float qrSize = 27 * MM;
        float qrX = x + CARD_W - qrSize - 4;
        qr(cs, s.qr(), qrX, y + 13, qrSize);
        t.centered(cs, label("permit.pdf.scanHint"), qrX + qrSize / 2, y + 7, qrSize, 5.5f, 4.5f, LABEL);

        float tx = x + 8;
        float width = qrX - tx - 4;
        float top = y + CARD_H - 24;
        top = t.block(cs, label("permit.pdf.holder." + s.type()), tx, top, width, 6.5f, 6.5f, 1, LABEL);
        top = t.block(cs, s.holder(), tx, top, width, 13, 8, 1, INK) - 2;
        top = t.field(cs, label("permit.pdf.firm"), s.firm(), tx, top, width, 7.5f, 5.5f, 3) - 1;
        top = t.field(cs, label("permit.pdf.issuer"), s.park(), tx, top, width, 7.5f, 5.5f, 2) - 1;
        top = t.field(cs, label("permit.pdf.validity"), s.validity(), tx, top, width, 7.5f, 6, 2) - 1;
        top = t.field(cs, label("permit.pdf.number"), s.number(), tx, top, width, 7, 6, 1);
        t.field(cs, label("permit.pdf.issuedOn"), s.issuedOn(), tx, top, width, 7, 6, 1);
    }

    /**
     * A pass (A5, for behind the windscreen): the plate in a framed box in large type (eight-character
     * new-energy plates fit), then driver (masked), route, validity, firm, park, number; the QR at the foot.
     * A permit with no pass behind it (rows made by hand) has no plate box.
     */
    private void passes(PDDocument doc, PdfText t, Iterator<Sheet> sheets) throws IOException {
        PDRectangle size = PDRectangle.A5;
        float w = size.getWidth();
        float m = 14 * MM;
        while (sheets.hasNext()) {
            Sheet s = sheets.next();
            try (PDPageContentStream cs = page(doc, size, 3)) {
                float top = t.block(cs, label("permit.pdf.PASS"), m, size.getHeight() - m, w - 2 * m, 28, 20, 1, RED, true) - 4;
                if (s.plate() != null) {
                    top = t.block(cs, label("permit.pdf.plate"), m, top, w - 2 * m, 10, 10, 1, LABEL, true) - 2;
                    float boxW = w - 2 * m - 40;
                    cs.setStrokingColor(INK);
                    cs.setLineWidth(2.5f);
                    cs.addRect((w - boxW) / 2, top - 72, boxW, 72);
                    cs.stroke();
                    t.block(cs, s.plate(), (w - boxW) / 2 + 10, top - 8, boxW - 20, 52, 30, 1, INK, true);
                    top -= 72 + 12;
                }
                float fs = 12;
                top = t.field(cs, label("permit.pdf.driver"), s.holder(), m, top, w - 2 * m, fs, 9, 1) - 3;
                top = t.field(cs, label("permit.pdf.route"), s.route(), m, top, w - 2 * m, fs, 8, 2) - 3;
                top = t.field(cs, label("permit.pdf.validity"), s.validity(), m, top, w - 2 * m, fs, 9, 1) - 3;
                top = t.field(cs, label("permit.pdf.firm"), s.firm(), m, top, w - 2 * m, fs, 8, 2) - 3;
                top = t.field(cs, label("permit.pdf.issuer"), s.park(), m, top, w - 2 * m, fs, 8, 2) - 3;
                t.field(cs, label("permit.pdf.number"), s.number() + "    " + label("permit.pdf.issuedOn") + " " + s.issuedOn(),
                        m, top, w - 2 * m, 10, 8, 1);
                float qrSize = 48 * MM;
                qr(cs, s.qr(), (w - qrSize) / 2, m + 12, qrSize);
                t.centered(cs, label("permit.pdf.scanHint"), w / 2, m + 2, w - 2 * m, 9, 7, LABEL);
            }
        }
    }

    /** A resumption certificate (A4): title, the approval sentence, the firm in large type, park, validity, number. */
    private void certificates(PDDocument doc, PdfText t, Iterator<Sheet> sheets) throws IOException {
        PDRectangle size = PDRectangle.A4;
        float w = size.getWidth();
        float m = 22 * MM;
        while (sheets.hasNext()) {
            Sheet s = sheets.next();
            try (PDPageContentStream cs = page(doc, size, 4)) {
                float top = t.block(cs, label("permit.pdf.CERTIFICATE"), m, size.getHeight() - m, w - 2 * m, 34, 24, 1, RED, true) - 20;
                top = t.block(cs, s.holder(), m, top, w - 2 * m, 22, 13, 3, INK, true) - 14;
                top = t.block(cs, label("permit.pdf.certificateText"), m, top, w - 2 * m, 14, 10, 4, INK) - 14;
                float fs = 14;
                top = t.field(cs, label("permit.pdf.issuer"), s.park(), m, top, w - 2 * m, fs, 10, 2) - 4;
                top = t.field(cs, label("permit.pdf.validity"), s.validity(), m, top, w - 2 * m, fs, 10, 1) - 4;
                top = t.field(cs, label("permit.pdf.number"), s.number(), m, top, w - 2 * m, fs, 10, 1) - 4;
                t.field(cs, label("permit.pdf.issuedOn"), s.issuedOn(), m, top, w - 2 * m, fs, 10, 1);
                float qrSize = 55 * MM;
                qr(cs, s.qr(), (w - qrSize) / 2, m + 16, qrSize);
                t.centered(cs, label("permit.pdf.scanHint"), w / 2, m + 4, w - 2 * m, 10, 8, LABEL);
            }
        }
    }

    /** A new page with the red frame half a margin in from the edge. */
    private static PDPageContentStream page(PDDocument doc, PDRectangle size, float frame) throws IOException {
        PDPage page = new PDPage(size);
        doc.addPage(page);
        PDPageContentStream cs = new PDPageContentStream(doc, page);
        float inset = (size == PDRectangle.A5 ? 7 : 11) * MM;
        cs.setStrokingColor(RED);
        cs.setLineWidth(frame);
        cs.addRect(inset, inset, size.getWidth() - 2 * inset, size.getHeight() - 2 * inset);
        cs.stroke();
        return cs;
    }

    private static void fill(PDPageContentStream cs, Color c, float x, float y, float w, float h) throws IOException {
        cs.setNonStrokingColor(c);
        cs.addRect(x, y, w, h);
        cs.fill();
    }

    /** Labels without arguments, looked up once per document (a 1,000-card sheet asks ~10,000 times). */
    private String label(String key) {
        return fixedLabels.computeIfAbsent(key, k -> labels.apply(k, new Object[0]));
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
     * The QR code as filled squares (runs of dark modules merged) on a white square that is its quiet
     * zone. The runs are drawn in module units (a transformation scales them), so the content stream holds
     * small integers; the transformation is undone by the restore, and later steps set their own colours.
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
        fill(cs, Color.WHITE, x, y, size, size);
        cs.saveGraphicsState();
        // origin at the top-left dark-module corner, one unit per module, rows downwards as negative y
        cs.transform(new Matrix(module, 0, 0, module, x + quiet * module, y + size - quiet * module));
        cs.setNonStrokingColor(INK);
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
