package cn.loopgate.shared.pdf;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

class CjkFontTest {

    @Test
    void writesChineseThatCanBeExtractedAgainWithASubsetFont() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument(); CjkFont font = CjkFont.load(doc)) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(font.font(), 14);
                cs.newLineAtOffset(50, 700);
                cs.showText("白名单卡 复工复产 WL-0001");
                cs.endText();
            }
            doc.save(out);
        }
        assertTrue(out.size() < 200_000, "a subset, not the whole 5 MB font: " + out.size());
        try (PDDocument read = Loader.loadPDF(out.toByteArray())) {
            String text = new PDFTextStripper().getText(read);
            assertTrue(text.contains("白名单卡 复工复产 WL-0001"), text);
        }
    }
}
