package cn.loopgate.permit;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The permits as a person sees them on paper: every page rendered at print resolution, every text run
 * checked for contrast in its own pixels, every QR code decoded from the bitmap (not from the text), and
 * every text run inside its card or frame. A PDF whose text extracts fine can still print blank.
 */
class PermitPdfLooksTest {

    static final float DPI = 300;
    static final float MM = 72f / 25.4f;
    /** Darkest vs lightest luminance (0-255) inside a run's box; black on white is ~255, white on red ~180. */
    static final int MIN_CONTRAST = 120;
    static final String LONG_FIRM = "成都高新技术产业开发区西部智能制造与新能源汽车零部件精密加工配套服务集团股份有限公司第一分公司测试（天府新区西区分部）厂";

    /** One text run as the text stripper places it, in PDF points from the top-left corner. */
    record Run(int page, String text, Rectangle2D box) {
    }

    static final class RunStripper extends PDFTextStripper {
        final List<Run> runs = new ArrayList<>();

        @Override
        protected void writeString(String text, List<TextPosition> positions) {
            if (text.isBlank() || positions.isEmpty()) {
                return;
            }
            double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
            for (TextPosition p : positions) {
                x0 = Math.min(x0, p.getXDirAdj());
                x1 = Math.max(x1, p.getXDirAdj() + p.getWidthDirAdj());
                y0 = Math.min(y0, p.getYDirAdj() - p.getHeightDir());
                y1 = Math.max(y1, p.getYDirAdj());
            }
            runs.add(new Run(getCurrentPageNo() - 1, text, new Rectangle2D.Double(x0, y0, x1 - x0, y1 - y0)));
        }

        static List<Run> of(PDDocument doc) throws IOException {
            RunStripper s = new RunStripper();
            s.getText(doc);
            return s.runs;
        }
    }

    static String name(PermitType type, int i) {
        return type.name().toLowerCase() + "-" + i;
    }

    static List<PermitPdf.Sheet> sheets(PermitType type, int count) {
        return IntStream.range(0, count).mapToObj(i -> LooksFixtures.sheet(type, i, i == 0 ? LONG_FIRM : "成都测试精密机械有限公司")).toList();
    }

    static PDDocument write(PermitType type, List<PermitPdf.Sheet> sheets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PermitPdfTest.PDF.write(type, sheets.iterator(), out);
        byte[] pdf = out.toByteArray();
        File dir = new File("target/permit-looks");
        dir.mkdirs();
        java.nio.file.Files.write(new File(dir, type.name().toLowerCase() + ".pdf").toPath(), pdf);
        return Loader.loadPDF(pdf);
    }

    @Test
    void cardSheetPrintsReadably() throws Exception {
        List<PermitPdf.Sheet> sheets = sheets(PermitType.CARD, 10);
        try (PDDocument doc = write(PermitType.CARD, sheets)) {
            assertEquals(1, doc.getNumberOfPages());
            BufferedImage img = render(doc, 0);
            List<Run> runs = RunStripper.of(doc);
            assertVisible(img, runs);
            for (int slot = 0; slot < 10; slot++) {
                Rectangle2D card = cardBox(doc.getPage(0).getMediaBox(), slot);
                // the right third of the card below the band: where a scanner is pointed
                Rectangle2D qrArea = new Rectangle2D.Double(card.getMaxX() - 33 * MM, card.getY() + 20, 33 * MM, card.getHeight() - 20);
                assertEquals(sheets.get(slot).qr(), decode(crop(img, qrArea)), "QR of card " + slot);
            }
            for (Run r : runs) {
                Rectangle2D card = null;
                for (int slot = 0; slot < 10 && card == null; slot++) {
                    Rectangle2D c = cardBox(doc.getPage(0).getMediaBox(), slot);
                    if (c.contains(r.box().getX() + 0.5, r.box().getCenterY())) {
                        card = c;
                    }
                }
                assertTrue(card != null, "run outside every card: " + r);
                assertInside(inset(card, 1 * MM), r);
            }
            assertShowsWhole(doc, LONG_FIRM);
        }
    }

    @Test
    void passPrintsReadably() throws Exception {
        singles(PermitType.PASS, PDRectangle.A5);
    }

    @Test
    void certificatePrintsReadably() throws Exception {
        singles(PermitType.CERTIFICATE, PDRectangle.A4);
    }

    private static void singles(PermitType type, PDRectangle size) throws Exception {
        List<PermitPdf.Sheet> sheets = sheets(type, 2);
        try (PDDocument doc = write(type, sheets)) {
            assertEquals(2, doc.getNumberOfPages());
            List<Run> runs = RunStripper.of(doc);
            for (int page = 0; page < 2; page++) {
                assertEquals(Math.round(size.getWidth()), Math.round(doc.getPage(page).getMediaBox().getWidth()));
                BufferedImage img = render(doc, page);
                int p = page;
                List<Run> onPage = runs.stream().filter(r -> r.page() == p).toList();
                assertTrue(onPage.size() >= 6, "runs on page " + page + ": " + onPage);
                assertVisible(img, onPage);
                assertEquals(sheets.get(page).qr(), decode(img), "QR of page " + page);
                // a laser printer leaves ~5 mm unprinted; the frame sits at 7 mm
                Rectangle2D printable = new Rectangle2D.Double(8 * MM, 8 * MM, size.getWidth() - 16 * MM, size.getHeight() - 16 * MM);
                for (Run r : onPage) {
                    assertInside(printable, r);
                }
            }
            assertShowsWhole(doc, LONG_FIRM);
        }
    }

    /** ISO ID-1 cards, two columns and five rows, centred on the sheet (the cut lines). */
    static Rectangle2D cardBox(PDRectangle page, int slot) {
        double w = 85.6 * MM, h = 53.98 * MM;
        double left = (page.getWidth() - 2 * w) / 2, top = (page.getHeight() - 5 * h) / 2;
        return new Rectangle2D.Double(left + (slot % 2) * w, top + (slot / 2) * h, w, h);
    }

    static BufferedImage render(PDDocument doc, int page) throws IOException {
        BufferedImage img = new PDFRenderer(doc).renderImageWithDPI(page, DPI, ImageType.RGB);
        File dir = new File("target/permit-looks");
        ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(page, 100, ImageType.RGB), "png",
                new File(dir, doc.getPage(page).getMediaBox().getWidth() > 500 ? "a4-" + page + ".png" : "a5-" + page + ".png"));
        return img;
    }

    /** Inside each run's box the text's pixels must stand out from the background around them. */
    static void assertVisible(BufferedImage img, List<Run> runs) {
        double scale = DPI / 72;
        List<String> invisible = new ArrayList<>();
        for (Run r : runs) {
            int x0 = (int) Math.floor(r.box().getMinX() * scale), x1 = (int) Math.ceil(r.box().getMaxX() * scale);
            int y0 = (int) Math.floor(r.box().getMinY() * scale), y1 = (int) Math.ceil(r.box().getMaxY() * scale);
            int dark = 255, light = 0;
            for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
                for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                    int rgb = img.getRGB(x, y);
                    int lum = (int) (0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255));
                    dark = Math.min(dark, lum);
                    light = Math.max(light, lum);
                }
            }
            if (light - dark < MIN_CONTRAST) {
                invisible.add(r.text() + " (contrast " + (light - dark) + ")");
            }
        }
        assertTrue(invisible.isEmpty(), invisible.size() + " of " + runs.size() + " text runs invisible: " + invisible);
    }

    static void assertInside(Rectangle2D box, Run r) {
        Rectangle2D b = r.box();
        // the stripper's glyph heights are generous: allow half a point
        if (b.getMinX() < box.getMinX() - 0.5 || b.getMaxX() > box.getMaxX() + 0.5
                || b.getMinY() < box.getMinY() - 0.5 || b.getMaxY() > box.getMaxY() + 0.5) {
            fail("text run \"" + r.text() + "\" at " + b + " leaves its box " + box);
        }
    }

    /** Long texts wrap or shrink; they are never cut short. */
    static void assertShowsWhole(PDDocument doc, String text) throws IOException {
        String all = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
        assertTrue(all.contains(text), "whole text " + text + " in " + all);
    }

    static Rectangle2D inset(Rectangle2D r, double d) {
        return new Rectangle2D.Double(r.getX() + d, r.getY() + d, r.getWidth() - 2 * d, r.getHeight() - 2 * d);
    }

    static BufferedImage crop(BufferedImage img, Rectangle2D pts) {
        double s = DPI / 72;
        return img.getSubimage((int) (pts.getX() * s), (int) (pts.getY() * s), (int) (pts.getWidth() * s), (int) (pts.getHeight() * s));
    }

    /**
     * Decoded as a phone's scanner would: ZXing's local binarizer first, its global one if that finds nothing, and
     * again at a phone camera's coarser resolution (ZXing's finder-pattern search misses some codes at 300 dpi that
     * it finds at 150; a phone never sees 300 dpi either).
     */
    static String decode(BufferedImage img) throws Exception {
        for (double scale : new double[]{1.0, 0.5, 0.75}) {
            BufferedImage at = img;
            if (scale != 1.0) {
                at = new BufferedImage((int) (img.getWidth() * scale), (int) (img.getHeight() * scale), BufferedImage.TYPE_INT_RGB);
                java.awt.Graphics2D g = at.createGraphics();
                g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(img, 0, 0, at.getWidth(), at.getHeight(), null);
                g.dispose();
            }
            BufferedImageLuminanceSource source = new BufferedImageLuminanceSource(at);
            for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)), new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
                try {
                    return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
                } catch (NotFoundException | ChecksumException | FormatException e) {
                    // try the other binarizer, then another resolution
                }
            }
        }
        return "(no QR code found)";
    }
}
