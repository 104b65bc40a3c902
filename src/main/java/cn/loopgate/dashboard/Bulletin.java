package cn.loopgate.dashboard;

import cn.loopgate.shared.Messages;
import cn.loopgate.shared.pdf.CjkFont;
import cn.loopgate.shared.web.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The daily bulletin (复工复产日报): the day's figures written out as the bureaus write them, in
 * Chinese or English, computed from live data through {@link DashboardService} (so it shows only
 * what the caller may see), and laid out as a PDF with the shipped Chinese font.
 */
@ApplicationScoped
public class Bulletin {

    @Inject
    DashboardService dashboard;

    /** The bulletin's paragraphs: title, as-of line, overall, above-size, staff, reporting, one per park. */
    public List<String> paragraphs(LocalDate day, Slice slice, Locale locale) {
        Locale loc = Messages.supported(locale);
        Figures all = dashboard.figures(day, slice);
        Figures above = dashboard.figures(all.day(), slice.withAboveSize(Boolean.TRUE));
        String place = dashboard.placeName(slice, loc);
        if (place == null) {
            place = Messages.get(loc, "bulletin.city");
        }
        List<String> out = new ArrayList<>();
        out.add(Messages.get(loc, "bulletin.title", place, dayText(all.day(), loc)));
        out.add(Messages.get(loc, "bulletin.overall", asOfText(all, loc), place, n(all.firms()),
                all.resumption().numeratorText(), all.resumption().percentText()));
        out.add(Messages.get(loc, "bulletin.aboveSize", n(above.firms()), above.resumption().numeratorText(),
                above.resumption().percentText()));
        out.add(Messages.get(loc, "bulletin.staff", all.arrival().numeratorText(), all.arrival().denominatorText(),
                all.arrival().percentText(), all.capacity().percentText()));
        out.add(Messages.get(loc, "bulletin.reporting", all.compliance().denominatorText(),
                all.compliance().numeratorText(), all.compliance().percentText(), n(all.late()), n(all.missing()),
                n(all.stopped()), n(all.abnormal())));
        for (Figures p : dashboard.byPark(all.day(), slice, loc)) {
            out.add(Messages.get(loc, "bulletin.park", p.label(), n(p.firms()), p.resumption().numeratorText(),
                    p.resumption().percentText(), p.arrival().percentText(), n(p.missing())));
        }
        out.add(Messages.get(loc, "bulletin.note"));
        return out;
    }

    public byte[] pdf(LocalDate day, Slice slice, Locale locale) {
        List<String> paragraphs = paragraphs(day, slice, locale);
        try (PDDocument doc = new PDDocument(); CjkFont cjk = CjkFont.load(doc)) {
            new Layout(doc, cjk.font()).write(paragraphs);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "11月20日17时" / "17:00, 20 November 2026"; the end of a past day reads "24时" / "24:00". */
    static String asOfText(Figures f, Locale locale) {
        ZonedDateTime at = f.asOf().atZone(Formats.CHINA);
        boolean endOfDay = !at.toLocalDate().equals(f.day());
        int hour = endOfDay ? 24 : at.getHour();
        return Messages.get(locale, "bulletin.asOf", String.valueOf(f.day().getMonthValue()),
                String.valueOf(f.day().getDayOfMonth()), String.valueOf(hour),
                f.day().format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)));
    }

    static String dayText(LocalDate day, Locale locale) {
        return "en".equals(locale.getLanguage()) ? day.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH))
                : day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
    }

    private static String n(long v) {
        return String.valueOf(v);
    }

    /** Writes paragraphs top-down on A4 pages, wrapping by measured width (CJK breaks anywhere). */
    private static final class Layout {
        private static final float MARGIN = 56;
        private final PDDocument doc;
        private final PDFont font;
        private PDPageContentStream out;
        private float y;

        Layout(PDDocument doc, PDFont font) {
            this.doc = doc;
            this.font = font;
        }

        void write(List<String> paragraphs) throws IOException {
            newPage();
            boolean first = true;
            for (String p : paragraphs) {
                float size = first ? 16 : 11;
                for (String line : wrap(p, size, PDRectangle.A4.getWidth() - 2 * MARGIN)) {
                    if (y < MARGIN + size) {
                        newPage();
                    }
                    out.beginText();
                    out.setFont(font, size);
                    out.newLineAtOffset(first ? (PDRectangle.A4.getWidth() - width(line, size)) / 2 : MARGIN, y);
                    out.showText(line);
                    out.endText();
                    y -= size * 1.6f;
                }
                y -= first ? 12 : 6;
                first = false;
            }
            out.close();
        }

        private void newPage() throws IOException {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private float width(String s, float size) throws IOException {
            return font.getStringWidth(s) / 1000 * size;
        }

        private List<String> wrap(String text, float size, float max) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            int lastSpace = -1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                line.append(c);
                if (c == ' ') {
                    lastSpace = line.length() - 1;
                }
                if (width(line.toString(), size) > max) {
                    String rest;
                    if (lastSpace > 0 && c != ' ' && c < 0x2E80) {
                        rest = line.substring(lastSpace + 1);
                        line.setLength(lastSpace);
                    } else {
                        rest = String.valueOf(line.charAt(line.length() - 1));
                        line.setLength(line.length() - 1);
                    }
                    lines.add(line.toString().strip());
                    line = new StringBuilder(rest);
                    lastSpace = -1;
                }
            }
            if (!line.isEmpty()) {
                lines.add(line.toString().strip());
            }
            return lines;
        }
    }
}
