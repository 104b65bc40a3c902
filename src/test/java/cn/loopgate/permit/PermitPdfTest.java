package cn.loopgate.permit;

import cn.loopgate.shared.Messages;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.multi.MultipleBarcodeReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The printed permits: Chinese labels and numbers as text, and QR codes that decode and verify. */
class PermitPdfTest {

    static final KeyPair KEYS = KeyMaterial.generate();
    static final PermitPdf PDF = new PermitPdf((key, args) -> Messages.get(Messages.DEFAULT_LOCALE, key, args));

    static PermitPdf.Sheet sheet(PermitType type, int i) {
        String digest = PermitService.digest(type, "KEY" + i);
        String qr = PermitCodec.encode(new PermitCodec.Claims(42, 1000 + i, type, 1_770_000_000L, 1_780_000_000L,
                PermitCodec.holderPrefix(digest)), KEYS.getPrivate());
        String holder = type == PermitType.PASS ? "王*国" : "张*丰";
        return new PermitPdf.Sheet(type, type.prefix() + "-CD-ETZ-" + String.format("%07d", i), "成都测试精密机械制造有限公司第" + i + "分公司",
                "成都经济技术开发区", holder, type == PermitType.PASS ? "苏E12345" : null, type == PermitType.PASS ? "成都 → 重庆" : null,
                "2026-01-02 至 2026-06-30", "2026-01-01", qr);
    }

    static byte[] render(PermitType type, int count) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PDF.write(type, IntStream.range(0, count).mapToObj(i -> sheet(type, i)).iterator(), out);
        return out.toByteArray();
    }

    static List<String> qrCodes(PDDocument doc, int page) throws Exception {
        BufferedImage img = new PDFRenderer(doc).renderImageWithDPI(page, 200, ImageType.GRAY);
        MultipleBarcodeReader reader = new QRCodeMultiReader();
        Result[] results = reader.decodeMultiple(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img))),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        List<String> texts = new ArrayList<>();
        for (Result r : results) {
            texts.add(r.getText());
        }
        return texts;
    }

    static void assertVerifies(String qr) throws Exception {
        assertTrue(PermitCodec.verify(PermitCodec.decode(qr), KEYS.getPublic()), qr);
    }

    @Test
    void cardsAreTenToAnA4SheetWithLabelsNumbersAndVerifyingCodes() throws Exception {
        try (PDDocument doc = Loader.loadPDF(render(PermitType.CARD, 12))) {
            assertEquals(2, doc.getNumberOfPages());
            String text = new PDFTextStripper().getText(doc);
            for (String label : List.of("白名单卡", "编号", "持卡人", "有效期", "签发园区", "张*丰", "成都经济技术开发区")) {
                assertTrue(text.contains(label), label + " in " + text);
            }
            assertTrue(text.contains("WL-CD-ETZ-0000000") && text.contains("WL-CD-ETZ-0000011"));
            assertEquals(595, Math.round(doc.getPage(0).getMediaBox().getWidth()));
            List<String> codes = qrCodes(doc, 1);
            assertEquals(2, codes.size(), "the second sheet holds cards 11 and 12");
            for (String qr : codes) {
                assertVerifies(qr);
            }
            assertTrue(qrCodes(doc, 0).size() >= 8, "most of the ten codes of a full sheet decode in one pass");
        }
    }

    @Test
    void vehiclePassIsA5WithALargeCode() throws Exception {
        try (PDDocument doc = Loader.loadPDF(render(PermitType.PASS, 2))) {
            assertEquals(2, doc.getNumberOfPages());
            assertEquals(420, Math.round(doc.getPage(0).getMediaBox().getWidth()));
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("车辆通行证") && text.contains("苏E12345") && text.contains("CL-CD-ETZ-0000001"), text);
            List<String> codes = qrCodes(doc, 0);
            assertEquals(1, codes.size());
            assertVerifies(codes.get(0));
            assertEquals(1000, PermitCodec.decode(codes.get(0)).claims().permitId());
        }
    }

    @Test
    void resumptionCertificateIsA4() throws Exception {
        try (PDDocument doc = Loader.loadPDF(render(PermitType.CERTIFICATE, 1))) {
            assertEquals(1, doc.getNumberOfPages());
            assertEquals(842, Math.round(doc.getPage(0).getMediaBox().getHeight()));
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("复工复产证明") && text.contains("FG-CD-ETZ-0000000") && text.contains("有效期"), text);
            assertVerifies(qrCodes(doc, 0).get(0));
        }
    }

    @Test
    void aThousandCardsStreamIntoOneDocument() throws Exception {
        Runtime rt = Runtime.getRuntime();
        long t0 = System.nanoTime();
        byte[] pdf = render(PermitType.CARD, 1000);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(100, doc.getNumberOfPages());
        }
        assertTrue(pdf.length < 20_000_000, "size " + pdf.length);
        System.out.println("1000 cards: " + pdf.length + " bytes in " + ms + " ms, heap used " + (rt.totalMemory() - rt.freeMemory()) / 1_000_000 + " MB");
    }
}
