package cn.loopgate.dashboard;

import cn.loopgate.shared.Messages;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bulletin as a reader sees it (issue 16.3/16.5): rendered with PDFRenderer, every text line must show
 * dark pixels on a light background inside its box, no line may start with closing punctuation, and no
 * character may leave the page's text area. A long park name and many parks push it onto a second page.
 */
class BulletinPdfTest {

    static final float DPI = 100;

    static BulletinDocument sample(Locale loc) {
        List<String> paragraphs = List.of(
                Messages.get(loc, "bulletin.headline", "3月3日10时45分", "全市", "632", "规上", "86%", "544", "91.3%", "36512", "39991"),
                Messages.get(loc, "bulletin.aboveSize", "632", "544", "86%"),
                Messages.get(loc, "bulletin.staffAll", "40110", "52000", "77.1%", "71.2%"),
                Messages.get(loc, "bulletin.reporting", "700", "650", "92.9%", "20", "30", "12", "5"),
                Messages.get(loc, "bulletin.seeTable"));
        List<List<String>> rows = new ArrayList<>();
        List<BulletinDocument.Bar> bars = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String name = i == 3 ? "经济技术开发区高新技术产业园区智能制造与新能源汽车零部件产业协同创新示范基地" : "第" + (i + 1) + "工业园区";
            rows.add(List.of(name, "30", "26", "86.7%", "900", "1000", "90%", "81.2%", "29/30", "96.7%", "1"));
            bars.add(new BulletinDocument.Bar(name, 86.7 - i, (86.7 - i) + "%"));
        }
        rows.add(List.of(Messages.get(loc, "bulletin.total"), "720", "600", "83.3%", "21600", "24000", "90%", "80%", "700/720", "97.2%", "20"));
        List<String> header = new ArrayList<>();
        for (String k : new String[] {"dashboard.col.park", "dashboard.col.firms", "dashboard.col.resumed",
                "dashboard.col.resumptionRate", "bulletin.col.onSiteResumed", "bulletin.col.staffResumed",
                "dashboard.col.arrivalResumedRate", "dashboard.col.arrivalRate", "bulletin.col.onTimeOfDue",
                "dashboard.col.complianceRate", "dashboard.col.missing"}) {
            header.add(Messages.get(loc, k));
        }
        return new BulletinDocument(Messages.get(loc, "bulletin.issuer.default"),
                Messages.get(loc, "bulletin.title", "全市", "2026年3月3日"), null, paragraphs,
                Messages.get(loc, "bulletin.tableCaption"), header, rows, Messages.get(loc, "bulletin.chartCaption"), bars,
                Messages.get(loc, "bulletin.note"), Messages.get(loc, "bulletin.issuer.default"), "2026年3月4日",
                Messages.get(loc, "bulletin.generatedAt", "2026-03-04 08:00"), "en".equals(loc.getLanguage()));
    }

    @Test
    void chineseBulletinIsReadable() throws IOException {
        check(BulletinPdf.render(sample(Messages.DEFAULT_LOCALE)), "复工复产率达86%");
    }

    @Test
    void englishBulletinIsReadable() throws IOException {
        check(BulletinPdf.render(sample(Messages.ENGLISH)), "resumption rate");
    }

    @Test
    void lineBreakingKeepsPunctuationOffTheLineStart() {
        LineBreaker.Measure oneEach = s -> s.length();
        // Width 4: "甲乙丙丁，戊" would put "，" first on line 2; "丁" moves down with it.
        assertEquals(List.of("甲乙丙", "丁，戊"), LineBreaker.wrap("甲乙丙丁，戊", 4, oneEach));
        assertEquals(List.of("率达", "86%"), LineBreaker.wrap("率达86%", 4, oneEach));
        assertEquals(List.of("abc", "def"), LineBreaker.wrap("abc def", 5, oneEach));
        assertEquals(List.of("甲乙", "（丙）"), LineBreaker.wrap("甲乙（丙）", 3, oneEach));
        assertEquals(List.of("On-", "time"), LineBreaker.wrap("On-time", 4, oneEach));
    }

    static void check(byte[] pdf, String expected) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() >= 2, "the sample fills more than one page");
            Lines lines = new Lines();
            lines.setSortByPosition(true);
            lines.getText(doc);
            String all = String.join("", lines.texts).replace(" ", "");
            assertTrue(all.contains(expected.replace(" ", "")), all);
            assertTrue(all.contains(Messages.get(Messages.DEFAULT_LOCALE, "bulletin.page", "2").replace(" ", ""))
                    || all.contains("-2-"), "page number 2");
            PDFRenderer renderer = new PDFRenderer(doc);
            List<BufferedImage> pages = new ArrayList<>();
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                pages.add(renderer.renderImageWithDPI(i, DPI));
            }
            float w = PDRectangle.A4.getWidth();
            for (int i = 0; i < lines.texts.size(); i++) {
                String t = lines.texts.get(i).strip();
                if (t.isEmpty()) {
                    continue;
                }
                assertTrue(LineBreaker.NO_START.indexOf(t.charAt(0)) < 0, "line starts with punctuation: " + t);
                for (TextPosition p : lines.positions.get(i)) {
                    assertTrue(p.getXDirAdj() >= BulletinPdf.MARGIN_X - 1 && p.getXDirAdj() + p.getWidthDirAdj() <= w - BulletinPdf.MARGIN_X + 1,
                            "outside the text area: " + t + " at " + p.getXDirAdj());
                }
                visible(pages.get(lines.pages.get(i)), lines.positions.get(i), t);
            }
        }
    }

    /** Inside the line's box some pixels are dark and the background light: the text shows. */
    static void visible(BufferedImage img, List<TextPosition> run, String text) {
        float s = DPI / 72f;
        float x0 = Float.MAX_VALUE, x1 = 0, top = Float.MAX_VALUE, bottom = 0;
        for (TextPosition p : run) {
            x0 = Math.min(x0, p.getXDirAdj());
            x1 = Math.max(x1, p.getXDirAdj() + p.getWidthDirAdj());
            top = Math.min(top, p.getYDirAdj() - p.getHeightDir());
            bottom = Math.max(bottom, p.getYDirAdj());
        }
        int dark = 0, light = 0;
        for (int x = (int) (x0 * s); x < Math.min(img.getWidth(), (int) Math.ceil(x1 * s)); x++) {
            for (int y = Math.max(0, (int) (top * s)); y < Math.min(img.getHeight(), (int) Math.ceil(bottom * s) + 1); y++) {
                int rgb = img.getRGB(x, y);
                int lum = (((rgb >> 16) & 255) * 299 + ((rgb >> 8) & 255) * 587 + (rgb & 255) * 114) / 1000;
                if (lum < 110) {
                    dark++;
                } else if (lum > 200) {
                    light++;
                }
            }
        }
        assertTrue(dark > 0 && light > 0, "text not visible: " + text + " dark=" + dark + " light=" + light);
    }

    /** Collects each line of text (the stripper writes it word by word) with its positions and page. */
    static final class Lines extends PDFTextStripper {
        final List<String> texts = new ArrayList<>();
        final List<List<TextPosition>> positions = new ArrayList<>();
        final List<Integer> pages = new ArrayList<>();
        private boolean newLine = true;

        Lines() throws IOException {
            setLineSeparator("\n");
        }

        @Override
        protected void startPage(org.apache.pdfbox.pdmodel.PDPage page) throws IOException {
            newLine = true;
        }

        @Override
        protected void writeLineSeparator() {
            newLine = true;
        }

        @Override
        protected void writeString(String text, List<TextPosition> pos) throws IOException {
            if (newLine || texts.isEmpty()) {
                texts.add(text);
                positions.add(new ArrayList<>(pos));
                pages.add(getCurrentPageNo() - 1);
                newLine = false;
            } else {
                int last = texts.size() - 1;
                texts.set(last, texts.get(last) + " " + text);
                positions.get(last).addAll(pos);
            }
        }

        @Override
        public String getText(PDDocument doc) throws IOException {
            StringWriter w = new StringWriter();
            writeText(doc, w);
            return w.toString();
        }
    }
}
