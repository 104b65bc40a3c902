package cn.loopgate.dashboard;

import cn.loopgate.shared.Messages;
import cn.loopgate.shared.web.Formats;
import cn.loopgate.shared.SpreadsheetCells;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's tables as Excel workbooks that open ready to read: a title row (what, scope and filters,
 * as-of time), a bold frozen header, numbers as numeric cells, rates as fractions formatted "0.0%", a totals
 * row where sums make sense, and column widths fitted to the content (a CJK character counts twice).
 * The tables carry no personal data (firms are named by name and credit code; no worker, contact or phone
 * appears), so nothing needs masking; a column holding personal data would go through {@code Masking}.
 */
public final class ExcelExport {

    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Formats.CHINA);
    /** Data starts below the title row and the header row. */
    static final int FIRST_DATA_ROW = 2;
    private static final int MAX_WIDTH_CHARS = 60;

    private ExcelExport() {
    }

    /**
     * Figures, one row per group (parks of a day, or the days of a trend). {@code scope}, when given, fills the
     * "范围" column of every row (a trend's rows are days of one scope); else each row's own label (a park).
     * {@code totals}, when given, becomes the last row (the slice's own figures, so its rates are exact).
     */
    public static byte[] figures(List<Figures> rows, Figures totals, String scope, String title, Locale locale) {
        String[] keys = {"dashboard.col.group", "dashboard.col.day", "dashboard.col.asOf", "dashboard.col.firms",
                "dashboard.col.resumed", "dashboard.col.resumptionRate", "bulletin.col.onSiteResumed",
                "bulletin.col.staffResumed", "dashboard.col.arrivalResumedRate", "dashboard.col.onSite",
                "dashboard.col.staff", "dashboard.col.arrivalRate", "dashboard.col.capacityWeighted",
                "dashboard.col.capacityRate", "dashboard.col.onTime", "dashboard.col.due", "dashboard.col.complianceRate",
                "dashboard.col.reported", "dashboard.col.late", "dashboard.col.missing", "dashboard.col.abnormal",
                "dashboard.col.stopped"};
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Styles st = new Styles(wb);
            Sheet sheet = wb.createSheet(Messages.get(locale, "dashboard.sheet.figures"));
            top(sheet, st, title, keys, locale);
            int r = FIRST_DATA_ROW;
            for (Figures f : rows) {
                figureRow(sheet.createRow(r++), st, f, scope != null ? scope : f.label(), false);
            }
            if (totals != null) {
                figureRow(sheet.createRow(r), st, totals, Messages.get(locale, "bulletin.total"), true);
            }
            fit(sheet, keys.length);
            return bytes(wb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void figureRow(Row row, Styles st, Figures f, String label, boolean total) {
        int c = 0;
        text(row, c++, label, total ? st.bold : null);
        text(row, c++, String.valueOf(f.day()), null);
        text(row, c++, f.asOf() == null ? "" : AT.format(f.asOf()), null);
        number(row, c++, f.firms(), total ? st.bold : null);
        c = ratio(row, c, f.resumption(), false, st);
        c = ratio(row, c, f.arrivalResumed(), true, st);
        c = ratio(row, c, f.arrival(), true, st);
        c = ratio(row, c, f.capacity(), false, st);
        c = ratio(row, c, f.compliance(), true, st);
        for (long v : new long[] {f.reported(), f.late(), f.missing(), f.abnormal(), f.stopped()}) {
            number(row, c++, v, null);
        }
    }

    /** Firms of a day with their status, or one firm's days; a totals row counts firms and sums staff. */
    public static byte[] firms(List<FirmDay> rows, String title, Locale locale) {
        String[] keys = {"dashboard.col.day", "field.creditCode", "field.name", "dashboard.col.park", "field.aboveSize",
                "field.fourAbove", "field.industry", "field.registeredStaff", "dashboard.col.resumedOn",
                "dashboard.col.state", "dashboard.col.productionStatus", "dashboard.col.onSite",
                "dashboard.col.capacityPct", "dashboard.col.late", "dashboard.col.submittedAt", "report.onBehalf"};
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Styles st = new Styles(wb);
            Sheet sheet = wb.createSheet(Messages.get(locale, "dashboard.sheet.firms"));
            top(sheet, st, title, keys, locale);
            int r = FIRST_DATA_ROW;
            long staff = 0;
            long onSite = 0;
            for (FirmDay d : rows) {
                Row row = sheet.createRow(r++);
                int c = 0;
                text(row, c++, String.valueOf(d.day()), null);
                text(row, c++, d.creditCode(), null);
                text(row, c++, d.name(), null);
                text(row, c++, d.parkName(), null);
                text(row, c++, Messages.get(locale, d.aboveSize() ? "common.yes" : "common.no"), null);
                text(row, c++, Messages.get(locale, "fourAbove." + d.fourAbove()), null);
                text(row, c++, Messages.get(locale, "industry." + d.industry()), null);
                number(row, c++, d.registeredStaff(), null);
                staff += d.registeredStaff();
                text(row, c++, d.resumedOn() == null ? "" : d.resumedOn().toString(), null);
                text(row, c++, Messages.get(locale, "dashboard.state." + d.state()), null);
                text(row, c++, d.productionStatus() == null ? ""
                        : Messages.get(locale, "dashboard.production." + d.productionStatus()), null);
                if (d.reported()) {
                    number(row, c++, d.staffOnSite(), null);
                    onSite += d.staffOnSite();
                    Cell cap = row.createCell(c++);
                    cap.setCellValue(d.capacityPct() / 100.0);
                    cap.setCellStyle(st.percent);
                    text(row, c++, Messages.get(locale, d.late() ? "common.yes" : "common.no"), null);
                    text(row, c++, AT.format(d.submittedAt()), null);
                    text(row, c, Boolean.TRUE.equals(d.onBehalf()) ? Messages.get(locale, "report.onBehalf") : "", null);
                }
            }
            if (!rows.isEmpty()) {
                Row total = sheet.createRow(r);
                text(total, 2, Messages.get(locale, "dashboard.export.firmCount", rows.size()), st.bold);
                number(total, 7, staff, st.bold);
                number(total, 11, onSite, st.bold);
            }
            fit(sheet, keys.length);
            return bytes(wb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The title row (merged across the table) and the frozen, bold header below it. */
    private static void top(Sheet sheet, Styles st, String title, String[] keys, Locale locale) {
        Row t = sheet.createRow(0);
        text(t, 0, title, st.title);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, keys.length - 1));
        Row h = sheet.createRow(1);
        for (int i = 0; i < keys.length; i++) {
            text(h, i, Messages.get(locale, keys[i]), st.header);
        }
        sheet.createFreezePane(0, FIRST_DATA_ROW);
    }

    /** Writes numerator, [denominator,] rate; the rate as a fraction with a % format, empty without a denominator. */
    private static int ratio(Row row, int c, Ratio r, boolean withDenominator, Styles st) {
        row.createCell(c++).setCellValue(r.numerator().doubleValue());
        if (withDenominator) {
            row.createCell(c++).setCellValue(r.denominator().doubleValue());
        }
        if (r.percent() != null) {
            Cell cell = row.createCell(c);
            cell.setCellValue(r.percent().movePointLeft(2).doubleValue());
            cell.setCellStyle(st.percent);
        }
        return c + 1;
    }

    /** Every text cell of the exports: firm names and the like are neutralised against formula injection (docs/security.md). */
    private static void text(Row row, int c, String value, CellStyle style) {
        Cell cell = row.createCell(c);
        cell.setCellValue(value == null ? null : SpreadsheetCells.neutralize(value));
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static void number(Row row, int c, long value, CellStyle style) {
        Cell cell = row.createCell(c);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /** Column widths from the header and data rows (not the merged title), a CJK character counting double. */
    private static void fit(Sheet sheet, int columns) {
        int[] chars = new int[columns];
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            for (int c = 0; c < columns; c++) {
                Cell cell = row.getCell(c);
                if (cell != null) {
                    chars[c] = Math.max(chars[c], displayWidth(cell));
                }
            }
        }
        for (int c = 0; c < columns; c++) {
            sheet.setColumnWidth(c, Math.min(MAX_WIDTH_CHARS, chars[c] + 2) * 256);
        }
    }

    /** Width in Latin characters: CJK and full-width characters count two. */
    static int displayWidth(Cell cell) {
        if (cell.getCellType() == CellType.NUMERIC) {
            return 10;
        }
        String s = cell.getStringCellValue();
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            w += s.charAt(i) >= 0x2E80 ? 2 : 1;
        }
        return w;
    }

    private static byte[] bytes(XSSFWorkbook wb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }

    static String instant(Instant at) {
        return at == null ? "" : AT.format(at);
    }

    /** The workbook's cell styles (one set per workbook: styles belong to it). */
    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle bold;
        final CellStyle percent;

        Styles(XSSFWorkbook wb) {
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 13);
            title = wb.createCellStyle();
            title.setFont(big);
            Font b = wb.createFont();
            b.setBold(true);
            header = wb.createCellStyle();
            header.setFont(b);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            bold = wb.createCellStyle();
            bold.setFont(b);
            percent = wb.createCellStyle();
            percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
        }
    }
}
