package cn.loopgate.demo;

import cn.loopgate.attachment.FileType;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DemoHistoryTest {

    @Test
    void demoCommitmentLetterIsARealPdf() throws Exception {
        byte[] pdf = DemoHistory.minimalPdf("91320583MA1XXXXXXX");
        assertEquals(FileType.PDF, FileType.sniff(pdf).orElseThrow());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
        }
    }
}
