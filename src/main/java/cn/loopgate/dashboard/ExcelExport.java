package cn.loopgate.dashboard;

import cn.loopgate.shared.Messages;
import cn.loopgate.shared.web.Formats;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's tables as Excel workbooks, numbers as numeric cells. The tables carry no personal
 * data (firms are named by name and credit code; no worker, contact or phone appears), so nothing
 * needs masking; a column holding personal data would go through {@code Masking}.
 */
public final class ExcelExport {

    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Formats.CHINA);

    private ExcelExport() {
    }

    /** Figures (parks of a day, or the days of a trend), one row per group. */
    public static byte[] figures(List<Figures> rows, Locale locale) {
        String[] keys = {"dashboard.col.group", "dashboard.col.day", "dashboard.col.asOf", "dashboard.col.firms",
                "dashboard.col.resumed", "dashboard.col.resumptionRate", "dashboard.col.onSite", "dashboard.col.staff",
                "dashboard.col.arrivalRate", "dashboard.col.capacityWeighted", "dashboard.col.capacityRate",
                "dashboard.col.onTime", "dashboard.col.due", "dashboard.col.complianceRate", "dashboard.col.reported",
                "dashboard.col.late", "dashboard.col.missing", "dashboard.col.abnormal", "dashboard.col.stopped"};
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet(Messages.get(locale, "dashboard.sheet.figures"));
            header(sheet, keys, locale);
            int r = 1;
            for (Figures f : rows) {
                Row row = sheet.createRow(r++);
                int c = 0;
                row.createCell(c++).setCellValue(f.label());
                row.createCell(c++).setCellValue(String.valueOf(f.day()));
                row.createCell(c++).setCellValue(f.asOf() == null ? "" : AT.format(f.asOf()));
                row.createCell(c++).setCellValue(f.firms());
                c = ratio(row, c, f.resumption(), false);
                c = ratio(row, c, f.arrival(), true);
                c = ratio(row, c, f.capacity(), false);
                c = ratio(row, c, f.compliance(), true);
                for (long v : new long[] {f.reported(), f.late(), f.missing(), f.abnormal(), f.stopped()}) {
                    row.createCell(c++).setCellValue(v);
                }
            }
            return bytes(wb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Firms of a day with their status, or one firm's days. */
    public static byte[] firms(List<FirmDay> rows, Locale locale) {
        String[] keys = {"dashboard.col.day", "field.creditCode", "field.name", "dashboard.col.park", "field.aboveSize",
                "field.fourAbove", "field.industry", "field.registeredStaff", "dashboard.col.resumedOn",
                "dashboard.col.state", "dashboard.col.productionStatus", "dashboard.col.onSite",
                "dashboard.col.capacityPct", "dashboard.col.late", "dashboard.col.submittedAt"};
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet(Messages.get(locale, "dashboard.sheet.firms"));
            header(sheet, keys, locale);
            int r = 1;
            for (FirmDay d : rows) {
                Row row = sheet.createRow(r++);
                int c = 0;
                row.createCell(c++).setCellValue(String.valueOf(d.day()));
                row.createCell(c++).setCellValue(d.creditCode());
                row.createCell(c++).setCellValue(d.name());
                row.createCell(c++).setCellValue(d.parkName());
                row.createCell(c++).setCellValue(Messages.get(locale, d.aboveSize() ? "common.yes" : "common.no"));
                row.createCell(c++).setCellValue(Messages.get(locale, "fourAbove." + d.fourAbove()));
                row.createCell(c++).setCellValue(Messages.get(locale, "industry." + d.industry()));
                row.createCell(c++).setCellValue(d.registeredStaff());
                row.createCell(c++).setCellValue(d.resumedOn() == null ? "" : d.resumedOn().toString());
                row.createCell(c++).setCellValue(Messages.get(locale, "dashboard.state." + d.state()));
                row.createCell(c++).setCellValue(d.productionStatus() == null ? ""
                        : Messages.get(locale, "dashboard.production." + d.productionStatus()));
                if (d.reported()) {
                    row.createCell(c++).setCellValue(d.staffOnSite());
                    row.createCell(c++).setCellValue(d.capacityPct());
                    row.createCell(c++).setCellValue(Messages.get(locale, d.late() ? "common.yes" : "common.no"));
                    row.createCell(c).setCellValue(AT.format(d.submittedAt()));
                }
            }
            return bytes(wb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void header(Sheet sheet, String[] keys, Locale locale) {
        Row h = sheet.createRow(0);
        for (int i = 0; i < keys.length; i++) {
            h.createCell(i).setCellValue(Messages.get(locale, keys[i]));
        }
    }

    /** Writes numerator, [denominator,] percent; the arrival and compliance denominators get a column. */
    private static int ratio(Row row, int c, Ratio r, boolean withDenominator) {
        row.createCell(c++).setCellValue(r.numerator().doubleValue());
        if (withDenominator) {
            row.createCell(c++).setCellValue(r.denominator().doubleValue());
        }
        BigDecimal pct = r.percent();
        if (pct != null) {
            row.createCell(c).setCellValue(pct.doubleValue());
        }
        return c + 1;
    }

    private static byte[] bytes(XSSFWorkbook wb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }

    static String instant(Instant at) {
        return at == null ? "" : AT.format(at);
    }
}
