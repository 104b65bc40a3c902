package cn.loopgate.shared.sheet;

import cn.loopgate.shared.DomainException;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SheetReaderTest {

    record Line(int line, Map<Integer, SheetCell> cells) {
        String text(int col) {
            return cells.getOrDefault(col, SheetCell.EMPTY).text();
        }

        SheetCell cell(int col) {
            return cells.getOrDefault(col, SheetCell.EMPTY);
        }
    }

    private static List<Line> read(String name, byte[] data) {
        return read(name, data, SheetLimits.DEFAULT);
    }

    private static List<Line> read(String name, byte[] data, SheetLimits limits) {
        List<Line> out = new ArrayList<>();
        SheetReader.read(name, data, limits, (line, cells) -> out.add(new Line(line, cells)));
        return out;
    }

    private static String key(DomainException e) {
        return e.fieldErrors().isEmpty() ? e.messageKey() : e.fieldErrors().get(0).messageKey();
    }

    private static byte[] workbook(Workbook wb, Consumer<Sheet> fill) throws IOException {
        try (wb; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill.accept(wb.createSheet("s"));
            wb.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void csvInUtf8WithAndWithoutBomUtf16AndGbk() {
        String text = "名称,人数\n华东机械,12\n\n\"逗号,引号\"\"\",=1+1\n";
        List<byte[]> encodings = List.of(text.getBytes(StandardCharsets.UTF_8),
                ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8),
                ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE),
                text.getBytes(Charset.forName("GBK")));
        for (byte[] data : encodings) {
            List<Line> rows = read("f.csv", data);
            assertEquals(3, rows.size(), "blank line skipped");
            assertEquals("名称", rows.get(0).text(0));
            assertEquals("华东机械", rows.get(1).text(0));
            assertEquals(2, rows.get(1).line());
            assertEquals("逗号,引号\"", rows.get(2).text(0));
            assertTrue(rows.get(2).cell(1).formula());
            assertFalse(rows.get(1).cell(1).numeric(), "CSV has no types");
        }
    }

    @Test
    void xlsxSharedStringsInlineStringsNumbersDatesBooleansAndFormulas() throws IOException {
        byte[] shared = workbook(new XSSFWorkbook(), s -> fill(s));
        byte[] inline = workbook(new SXSSFWorkbook(10), s -> fill(s));
        for (byte[] data : List.of(shared, inline)) {
            List<Line> rows = read("f.xlsx", data);
            assertEquals(2, rows.size());
            Line head = rows.get(0);
            assertEquals("名称", head.text(0));
            assertEquals("成立日期", head.text(5));
            Line r = rows.get(1);
            assertEquals(3, r.line(), "row 2 is blank and skipped; lines are the sheet's");
            assertEquals("华东机械", r.text(0));
            assertFalse(r.cell(0).numeric());
            assertTrue(r.cell(1).numeric());
            assertEquals("13800138000", SheetValues.plainNumber(r.text(1)));
            assertEquals("120", SheetValues.plainNumber(r.text(2)));
            assertEquals("TRUE", r.text(3));
            assertTrue(r.cell(4).formula(), "a formula is flagged, never evaluated");
            assertEquals(LocalDate.of(2024, 3, 1), SheetValues.excelDate(r.text(5)), "a date cell is its serial");
            assertEquals("远", r.text(27), "column AB by its reference, not its position");
        }
    }

    private static void fill(Sheet s) {
        Row h = s.createRow(0);
        List<String> heads = List.of("名称", "电话", "人数", "规上", "公式", "成立日期");
        for (int i = 0; i < heads.size(); i++) {
            h.createCell(i).setCellValue(heads.get(i));
        }
        Row r = s.createRow(2);
        r.createCell(0).setCellValue("华东机械");
        r.createCell(1).setCellValue(13800138000d);
        r.createCell(2).setCellValue(120);
        r.createCell(3).setCellValue(true);
        r.createCell(4).setCellFormula("1+1");
        CellStyle date = s.getWorkbook().createCellStyle();
        date.setDataFormat(s.getWorkbook().getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
        var d = r.createCell(5);
        d.setCellValue(LocalDate.of(2024, 3, 1));
        d.setCellStyle(date);
        r.createCell(27).setCellValue("远");
    }

    @Test
    void limitsOnRowsColumnsCellsAndBytes() throws IOException {
        SheetLimits small = new SheetLimits(1024, 3, 2, 5);
        StringBuilder csv = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 3; i++) {
            csv.append("123456789,x,y\n");
        }
        List<Line> rows = read("f.csv", csv.toString().getBytes(StandardCharsets.UTF_8), small);
        assertEquals(4, rows.size(), "header and exactly the limit of rows");
        assertEquals("12345", rows.get(1).text(0), "cells cut at the character limit");
        assertFalse(rows.get(1).cells().containsKey(2), "columns beyond the limit dropped");
        String over = csv + "1,2,3\n";
        assertEquals("import.tooManyRows", key(assertThrows(DomainException.class,
                () -> read("f.csv", over.getBytes(StandardCharsets.UTF_8), small))));
        byte[] xlsx = workbook(new SXSSFWorkbook(10), s -> {
            for (int i = 0; i < 6; i++) {
                s.createRow(i).createCell(0).setCellValue("r" + i);
            }
        });
        assertEquals("import.tooManyRows", key(assertThrows(DomainException.class,
                () -> read("f.xlsx", xlsx, new SheetLimits(1 << 20, 3, 2, 5)))));
        assertEquals("import.tooLarge", key(assertThrows(DomainException.class,
                () -> read("f.csv", new byte[1025], small))));
        assertEquals("validation.fileEmpty", key(assertThrows(DomainException.class, () -> read("f.csv", new byte[0]))));
    }

    @Test
    void wrongContentAndNamesAreRefused() throws IOException {
        byte[] csv = "a,b\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("import.notXlsx", key(assertThrows(DomainException.class, () -> read("f.xlsx", csv))));
        assertEquals("import.fileType", key(assertThrows(DomainException.class, () -> read("f.txt", csv))));
        assertEquals("validation.fileName", key(assertThrows(DomainException.class, () -> read("../f.csv", csv))));
        byte[] xlsx = workbook(new XSSFWorkbook(), s -> s.createRow(0).createCell(0).setCellValue("x"));
        assertEquals("import.notText", key(assertThrows(DomainException.class, () -> read("f.csv", xlsx))));
        byte[] truncated = Arrays.copyOf(xlsx, xlsx.length / 2);
        assertEquals("import.notXlsx", key(assertThrows(DomainException.class, () -> read("f.xlsx", truncated))));
    }

    @Test
    void aZipBombIsRefusedByItsDeclaredSizeBeforeInflating() throws IOException {
        byte[] bomb = withSheet(40 * 1024 * 1024);
        assertTrue(bomb.length < 1024 * 1024);
        assertEquals("import.zipBomb", key(assertThrows(DomainException.class, () -> read("b.xlsx", bomb))));
    }

    /** An entry that declares a small size and inflates to more is stopped by counting, not by POI's message. */
    @Test
    void aZipBombLyingAboutItsSizeIsStoppedWhileInflating() throws IOException {
        byte[] zip = withSheet(2 * 1024 * 1024);
        byte[] lying = declareSize(zip, "xl/worksheets/sheet1.xml", 50_000);
        assertEquals("import.zipBomb", key(assertThrows(DomainException.class, () -> read("b.xlsx", lying))));
    }

    /** A valid workbook whose first sheet is replaced by a header cell followed by {@code blanks} spaces. */
    private static byte[] withSheet(int blanks) throws IOException {
        byte[] base = workbook(new XSSFWorkbook(), s -> s.createRow(0).createCell(0).setCellValue("x"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(base)); ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    zip.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".getBytes());
                    byte[] chunk = new byte[1024 * 1024];
                    Arrays.fill(chunk, (byte) ' ');
                    for (int i = 0; i < blanks / chunk.length; i++) {
                        zip.write(chunk);
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

    /** Rewrites the uncompressed size of one entry in the central directory (signature 0x02014b50). */
    private static byte[] declareSize(byte[] zip, String name, int size) {
        byte[] out = zip.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 < out.length; i++) {
            if (b.getInt(i) == 0x02014b50) {
                int nameLength = b.getShort(i + 28) & 0xFFFF;
                String n = new String(out, i + 46, nameLength, StandardCharsets.UTF_8);
                if (n.equals(name)) {
                    b.putInt(i + 24, size);
                    return out;
                }
            }
        }
        throw new AssertionError("no entry " + name);
    }
}
