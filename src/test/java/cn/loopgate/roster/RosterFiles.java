package cn.loopgate.roster;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Builds roster files for tests: good ones, bad ones and hostile ones. */
public final class RosterFiles {

    private RosterFiles() {
    }

    /** An .xlsx with the given rows (first row = header); cells starting with '=' become formulas. */
    public static byte[] xlsx(List<List<String>> rows) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("roster");
            for (int i = 0; i < rows.size(); i++) {
                Row r = s.createRow(i);
                List<String> cells = rows.get(i);
                for (int c = 0; c < cells.size(); c++) {
                    String v = cells.get(c);
                    if (v.startsWith("=")) {
                        r.createCell(c).setCellFormula(v.substring(1));
                    } else {
                        r.createCell(c).setCellValue(v);
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** A valid .xlsx whose sheet XML is replaced by {@code megabytes} MB of blanks: a zip bomb in miniature. */
    public static byte[] zipBomb(int megabytes) throws IOException {
        byte[] base;
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); ByteArrayOutputStream b = new ByteArrayOutputStream()) {
            wb.createSheet("roster").createRow(0).createCell(0).setCellValue("姓名");
            wb.write(b);
            base = b.toByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(base)); ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    zip.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".getBytes());
                    byte[] blanks = new byte[1024 * 1024];
                    java.util.Arrays.fill(blanks, (byte) ' ');
                    for (int i = 0; i < megabytes; i++) {
                        zip.write(blanks);
                    }
                    zip.write("</sheetData></worksheet>".getBytes());
                } else {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
