package cn.loopgate.shared.sheet;

import cn.loopgate.shared.SpreadsheetCells;
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
import java.util.List;

/**
 * Templates and per-row reports as .xlsx or CSV (UTF-8 with BOM, so Excel opens Chinese correctly). Every
 * cell is text in a text-formatted column (IDs keep their digits), never a formula: formula-like text is
 * neutralised ({@link SpreadsheetCells#neutralize}). Large sheets are written streaming (SXSSF).
 */
public final class SheetWriter {

    private SheetWriter() {
    }

    /** One sheet: its name and rows (the first is the header). */
    public record Tab(String name, List<List<String>> rows) {
    }

    public static byte[] write(SheetFormat format, String sheetName, List<List<String>> rows) {
        return format == SheetFormat.CSV ? csv(rows) : xlsx(List.of(new Tab(sheetName, rows)));
    }

    public static byte[] csv(List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xEF);
        out.write(0xBB);
        out.write(0xBF);
        try (CSVPrinter p = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.EXCEL)) {
            for (List<String> r : rows) {
                p.printRecord(r.stream().map(SpreadsheetCells::neutralize).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A workbook of one or more sheets; the first is the one imports read. */
    public static byte[] xlsx(List<Tab> tabs) {
        int total = tabs.stream().mapToInt(t -> t.rows().size()).sum();
        try (Workbook wb = total > 1000 ? new SXSSFWorkbook(200) : new XSSFWorkbook();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            DataFormat df = wb.createDataFormat();
            CellStyle text = wb.createCellStyle();
            text.setDataFormat(df.getFormat("@"));
            for (Tab tab : tabs) {
                Sheet sheet = wb.createSheet(tab.name());
                int width = tab.rows().isEmpty() ? 0 : tab.rows().get(0).size();
                for (int c = 0; c < width; c++) {
                    sheet.setDefaultColumnStyle(c, text);
                    sheet.setColumnWidth(c, 20 * 256);
                }
                for (int i = 0; i < tab.rows().size(); i++) {
                    Row row = sheet.createRow(i);
                    List<String> r = tab.rows().get(i);
                    for (int c = 0; c < r.size(); c++) {
                        var cell = row.createCell(c);
                        cell.setCellStyle(text);
                        cell.setCellValue(SpreadsheetCells.neutralize(r.get(c)));
                    }
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
