import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The baseline of benchmark (e): what raw PDFBox does on this machine with the portal's font, no
 * application in the way. Run by src/bench/bulk.sh as a single-file program:
 *
 * <pre>java -cp &lt;pdfbox, pdfbox-io, fontbox, commons-logging, zxing core jars&gt; src/bench/PdfBench.java FONT SECONDS</pre>
 *
 * Measures one-page A4 documents per second for SECONDS: each document loads the font (the .ttc
 * collection, WenQuanYi Micro Hei, embedded as a subset, as {@code shared.pdf.CjkFont} does), writes
 * a card's eight lines of Chinese text and draws one QR image (the length of a real {@code LG1:} permit
 * code), and is saved to a discarding stream. Prints one line {@code STATS docs=.. seconds=.. per_s=..
 * ms_per_doc=.. bytes_per_doc=..}. A warm-up of two seconds runs first (JIT), like the portal's
 * warm-up request. {@code PdfBench.java pages FILE} prints the page count of a PDF (checks the portal's output).
 */
public final class PdfBench {

    /** As long as a permit's QR text: "LG1:" + base64url of ~100 bytes body + 64 bytes signature. */
    static final String QR = "LG1:" + "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4_QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl9gYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1-f4CBgoOEhYaHiImKi4yNjo-QkZKTlJWWl5iZmpucnZ6foKGi";

    public static void main(String[] args) throws Exception {
        if (args[0].equals("pages")) {
            try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(new java.io.File(args[1]))) {
                System.out.println(doc.getNumberOfPages());
            }
            return;
        }
        byte[] font = Files.readAllBytes(Path.of(args[0]));
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        BufferedImage qr = qrImage(QR);
        run(font, qr, 2);
        long[] r = run(font, qr, seconds);
        double s = r[1] / 1e9;
        System.out.printf("STATS docs=%d seconds=%.2f per_s=%.1f ms_per_doc=%.2f bytes_per_doc=%d%n",
                r[0], s, r[0] / s, 1000 * s / r[0], r[2] / Math.max(1, r[0]));
    }

    /** Makes documents for about {@code seconds}; returns {count, nanos, bytes}. */
    static long[] run(byte[] font, BufferedImage qr, double seconds) throws IOException {
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long n = 0;
        Counting out = new Counting();
        while (System.nanoTime() < end) {
            document(font, qr, out, n);
            n++;
        }
        return new long[]{n, System.nanoTime() - t0, out.bytes};
    }

    static void document(byte[] font, BufferedImage qr, OutputStream out, long n) throws IOException {
        try (PDDocument doc = new PDDocument(IOUtils.createMemoryOnlyStreamCache());
             TrueTypeCollection ttc = new TrueTypeCollection(new ByteArrayInputStream(font))) {
            PDType0Font f = PDType0Font.load(doc, ttc.getFontByName("WenQuanYiMicroHei"), true);
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDImageXObject image = LosslessFactory.createFromImage(doc, qr);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                float y = 780;
                for (String line : new String[]{"白名单卡", "编号：WL-BP01-B" + String.format("%07d", n), "持卡人：张*三",
                        "企业：压测批量打印企业有限公司", "园区：压测园区1", "有效期：2026-11-21 00:00 至",
                        "　　　2026-12-21 00:00", "签发：压测园区1  2026-11-21"}) {
                    cs.beginText();
                    cs.setFont(f, 12);
                    cs.newLineAtOffset(60, y);
                    cs.showText(line);
                    cs.endText();
                    y -= 20;
                }
                cs.drawImage(image, 60, 450, 170, 170);
            }
            doc.save(out);
        }
    }

    static BufferedImage qrImage(String text) throws Exception {
        BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET, "ISO-8859-1",
                        EncodeHintType.MARGIN, 4));
        BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                img.setRGB(x, y, m.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        return img;
    }

    static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
