package cn.loopgate.roster;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.SpreadsheetCells;
import cn.loopgate.shared.sheet.CsvSheetReader;
import cn.loopgate.shared.sheet.SheetCell;
import cn.loopgate.shared.sheet.SheetFormat;
import cn.loopgate.shared.sheet.SheetLimits;
import cn.loopgate.shared.sheet.SheetReader;
import cn.loopgate.shared.sheet.SheetValues;
import cn.loopgate.shared.sheet.XlsxSheetReader;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A roster file (.xlsx or .csv) as raw rows: the generic streamed reader of {@code shared.sheet} does the
 * reading and refuses hostile input (size, paths, wrong content, zip bombs, more than {@link #MAX_ROWS}
 * rows); this class maps the roster's headers to {@link Column}s and flags cells a spreadsheet could run.
 */
public final class RosterFile {

    public static final int MAX_BYTES = SheetLimits.DEFAULT.maxBytes();
    public static final int MAX_ROWS = SheetLimits.DEFAULT.maxRows();
    /** Largest uncompressed part of an .xlsx we accept (the generic reader's limit). */
    static final long MAX_XLSX_ENTRY = XlsxSheetReader.MAX_ENTRY_BYTES;

    /** Kept as its own type: roster_import.format stores these names. */
    public enum Format {
        XLSX, CSV;

        SheetFormat sheet() {
            return this == XLSX ? SheetFormat.XLSX : SheetFormat.CSV;
        }

        static Format of(SheetFormat f) {
            return f == SheetFormat.XLSX ? XLSX : CSV;
        }
    }

    public enum Column { NAME, RESIDENT_ID, PHONE, JOB, JOINED_ON, SHIFT_TEAM, DORMITORY }

    /** Column headers of the template, in order; the first is the Chinese header the template shows. */
    static final Map<Column, List<String>> HEADERS = Map.of(
            Column.NAME, List.of("姓名", "name"),
            Column.RESIDENT_ID, List.of("身份证号", "身份证号码", "身份证", "residentid", "resident id"),
            Column.PHONE, List.of("手机号", "手机号码", "手机", "phone", "mobile"),
            Column.JOB, List.of("岗位", "职位", "job"),
            Column.JOINED_ON, List.of("入职日期", "joinedon", "joined on"),
            Column.SHIFT_TEAM, List.of("班组", "班次", "shiftteam", "shift team", "shift"),
            Column.DORMITORY, List.of("宿舍房间", "宿舍", "dormitory", "dormitory room"));

    /** One cell as read: its text, and whether it held a formula or a number (IDs as numbers lose digits). */
    public record Cell(String text, boolean formula, boolean numeric) {
        static final Cell EMPTY = new Cell("", false, false);
    }

    /** One data row with its 1-based line in the file. */
    public record Row(int line, Map<Column, Cell> cells) {
        public Cell get(Column c) {
            return cells.getOrDefault(c, Cell.EMPTY);
        }
    }

    public record Parsed(Format format, List<Row> rows) {
    }

    private RosterFile() {
    }

    /** The format a file name announces, or a refusal (unknown extension, path elements). */
    public static Format formatOf(String fileName) {
        return Format.of(SheetFormat.of(fileName));
    }

    public static Parsed parse(String fileName, byte[] data) {
        Collector collector = new Collector(new ArrayList<>());
        SheetFormat format = SheetReader.read(fileName, data, SheetLimits.DEFAULT, collector::accept);
        if (collector.columns == null) {
            throw DomainException.invalid("file", "import.noHeader");
        }
        return new Parsed(Format.of(format), collector.rows);
    }

    /** Maps the header row, then turns each later row into a {@link Row}. Blank rows and the row cap are the reader's. */
    static final class Collector {
        final List<Row> rows;
        Map<Integer, Column> columns;

        Collector(List<Row> rows) {
            this.rows = rows;
        }

        void accept(int line, Map<Integer, SheetCell> cells) {
            if (columns == null) {
                columns = header(cells);
                return;
            }
            Map<Column, Cell> m = new EnumMap<>(Column.class);
            cells.forEach((i, c) -> {
                Column col = columns.get(i);
                if (col != null) {
                    m.put(col, new Cell(c.text().strip(), c.formula() || formulaLike(col, c.text()), c.numeric()));
                }
            });
            rows.add(new Row(line, m));
        }

        /**
         * A cell a spreadsheet could run (docs/whitelist-and-passes.md): refused like a formula. No roster column
         * starts with '-' (not a name, ID, phone, job or date), so a leading minus is refused too; the one
         * exception is a phone written internationally ("+86 138 0013 8000": a number, which runs nothing).
         */
        static boolean formulaLike(Column col, String raw) {
            return SpreadsheetCells.formulaLike(raw)
                    && !(col == Column.PHONE && INTERNATIONAL_PHONE.matcher(raw.strip()).matches());
        }

        private static final Pattern INTERNATIONAL_PHONE = Pattern.compile("\\+[0-9][0-9 -]{0,20}");

        private static Map<Integer, Column> header(Map<Integer, SheetCell> cells) {
            Map<Integer, Column> cols = new TreeMap<>();
            cells.forEach((i, c) -> {
                String h = c.text().strip().replace("\uFEFF", "").replace("*", "").toLowerCase(Locale.ROOT);
                for (var e : HEADERS.entrySet()) {
                    if (e.getValue().contains(h)) {
                        cols.put(i, e.getKey());
                    }
                }
            });
            for (Column required : List.of(Column.NAME, Column.RESIDENT_ID, Column.PHONE)) {
                if (!cols.containsValue(required)) {
                    throw DomainException.invalid("file", "import.missingColumn", HEADERS.get(required).get(0));
                }
            }
            return cols;
        }
    }

    /** Reads CSV bytes into the collector (no name or size checks: {@link #parse} makes those). */
    static void readCsv(byte[] data, Collector collector) {
        new CsvSheetReader().read(data, SheetLimits.DEFAULT, collector::accept);
    }

    /** Reads .xlsx bytes into the collector (no name or size checks: {@link #parse} makes those). */
    static void readXlsx(byte[] data, Collector collector) {
        new XlsxSheetReader().read(data, SheetLimits.DEFAULT, collector::accept);
    }

    static boolean looksBinary(byte[] data) {
        return CsvSheetReader.looksBinary(data);
    }

    static String decode(byte[] data) {
        return CsvSheetReader.decode(data);
    }

    /** A numeric cell's text without exponent or trailing ".0" (phones typed as numbers). */
    static String plainNumber(String raw) {
        return SheetValues.plainNumber(raw);
    }

    /** An Excel date serial (a numeric cell) as a day, or null. */
    static java.time.LocalDate excelDate(String raw) {
        return SheetValues.excelDate(raw);
    }
}
