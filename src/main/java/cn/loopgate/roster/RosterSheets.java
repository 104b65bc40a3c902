package cn.loopgate.roster;

import cn.loopgate.shared.Messages;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the import template and the per-row report, as .xlsx or CSV. Every cell is text, never a formula. */
final class RosterSheets {

    static final List<String> TEMPLATE_HEADERS = List.of("姓名", "身份证号", "手机号", "岗位", "入职日期", "班组", "宿舍房间");

    private RosterSheets() {
    }

    static byte[] template(RosterFile.Format format) {
        List<List<String>> rows = List.of(TEMPLATE_HEADERS);
        return format == RosterFile.Format.CSV ? csv(rows) : xlsx(rows);
    }

    static byte[] report(List<RosterImportService.RowView> views, RosterFile.Format format, Locale locale) {
        List<List<String>> rows = new ArrayList<>(views.size() + 1);
        rows.add(List.of(Messages.get(locale, "import.col.line"), Messages.get(locale, "field.name"),
                Messages.get(locale, "field.residentId"), Messages.get(locale, "import.col.result")));
        for (RosterImportService.RowView v : views) {
            String result = v.problems().isEmpty() ? Messages.get(locale, "import.action." + v.action())
                    : String.join("; ", v.problems());
            rows.add(List.of(String.valueOf(v.line()), v.name() == null ? "" : v.name(),
                    v.residentId() == null ? "" : v.residentId(), result));
        }
        return format == RosterFile.Format.CSV ? csv(rows) : xlsx(rows);
    }

    /** A cell that a spreadsheet would run as a formula is prefixed with an apostrophe (CSV injection). */
    static String safe(String v) {
        return cn.loopgate.shared.SpreadsheetCells.neutralize(v);
    }

    private static byte[] csv(List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xEF);
        out.write(0xBB);
        out.write(0xBF);
        try (CSVPrinter p = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.EXCEL)) {
            for (List<String> r : rows) {
                p.printRecord(r.stream().map(RosterSheets::safe).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] xlsx(List<List<String>> rows) {
        try (Workbook wb = rows.size() > 1000 ? new SXSSFWorkbook(200) : new XSSFWorkbook();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("roster");
            DataFormat df = wb.createDataFormat();
            CellStyle text = wb.createCellStyle();
            text.setDataFormat(df.getFormat("@"));
            for (int c = 0; c < rows.get(0).size(); c++) {
                sheet.setDefaultColumnStyle(c, text);
                sheet.setColumnWidth(c, 20 * 256);
            }
            for (int i = 0; i < rows.size(); i++) {
                Row row = sheet.createRow(i);
                List<String> r = rows.get(i);
                for (int c = 0; c < r.size(); c++) {
                    var cell = row.createCell(c);
                    cell.setCellStyle(text);
                    cell.setCellValue(safe(r.get(c)));
                }
            }
            wb.write(out);
            if (wb instanceof SXSSFWorkbook s) {
                s.close();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
