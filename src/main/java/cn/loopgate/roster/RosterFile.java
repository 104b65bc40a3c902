package cn.loopgate.roster;

import cn.loopgate.shared.DomainException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a roster file (.xlsx or .csv) into raw rows, refusing hostile input before it costs memory:
 * files over {@link #MAX_BYTES}, names with paths, content that is not what the extension says, zip
 * bombs (POI's inflate-ratio and entry-size limits), more than {@link #MAX_ROWS} rows (reading stops
 * there). The .xlsx sheet is streamed with SAX; formulas are never evaluated, a cell holding one is
 * flagged. CSV may be UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030 as Excel saves it.
 */
public final class RosterFile {

    public static final int MAX_BYTES = 20 * 1024 * 1024;
    public static final int MAX_ROWS = 20_000;
    /** Largest uncompressed part of an .xlsx we accept: a legitimate 20,000-row sheet is far below. */
    static final long MAX_XLSX_ENTRY = 100L * 1024 * 1024;

    public enum Format { XLSX, CSV }

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
        cn.loopgate.shared.validation.FileNames.check("file", fileName);
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".xlsx")) {
            return Format.XLSX;
        }
        if (n.endsWith(".csv")) {
            return Format.CSV;
        }
        throw DomainException.invalid("file", "import.fileType");
    }

    public static Parsed parse(String fileName, byte[] data) {
        Format format = formatOf(fileName);
        if (data == null || data.length == 0) {
            throw DomainException.invalid("file", "validation.fileEmpty");
        }
        if (data.length > MAX_BYTES) {
            throw DomainException.invalid("file", "import.tooLarge", MAX_BYTES / (1024 * 1024));
        }
        List<Row> rows = new ArrayList<>();
        Collector collector = new Collector(rows);
        if (format == Format.XLSX) {
            readXlsx(data, collector);
        } else {
            readCsv(data, collector);
        }
        if (collector.columns == null) {
            throw DomainException.invalid("file", "import.noHeader");
        }
        return new Parsed(format, rows);
    }

    /** Maps the header row, then turns each later row into a {@link Row}; stops beyond the row cap. */
    static final class Collector {
        final List<Row> rows;
        Map<Integer, Column> columns;

        Collector(List<Row> rows) {
            this.rows = rows;
        }

        void accept(int line, Map<Integer, Cell> cells) {
            if (cells.values().stream().allMatch(c -> c.text().isBlank())) {
                return;
            }
            if (columns == null) {
                columns = header(cells);
                return;
            }
            if (rows.size() >= MAX_ROWS) {
                throw new TooManyRows();
            }
            Map<Column, Cell> m = new java.util.EnumMap<>(Column.class);
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
            return cn.loopgate.shared.SpreadsheetCells.formulaLike(raw)
                    && !(col == Column.PHONE && INTERNATIONAL_PHONE.matcher(raw.strip()).matches());
        }

        private static final java.util.regex.Pattern INTERNATIONAL_PHONE = java.util.regex.Pattern.compile("\\+[0-9][0-9 -]{0,20}");

        private static Map<Integer, Column> header(Map<Integer, Cell> cells) {
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

    /** Thrown from inside the SAX or CSV loop to stop reading at the row cap. */
    static final class TooManyRows extends RuntimeException {
        TooManyRows() {
            super(null, null, false, false);
        }
    }

    private static DomainException tooManyRows() {
        return DomainException.invalid("file", "import.tooManyRows", MAX_ROWS);
    }

    // --- CSV ---------------------------------------------------------------------------------------

    static void readCsv(byte[] data, Collector collector) {
        if (looksBinary(data)) {
            throw DomainException.invalid("file", "import.notText");
        }
        String text = decode(data);
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(false).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> it = parser.iterator();
            int line = 0;
            while (it.hasNext()) {
                CSVRecord r = it.next();
                line++;
                Map<Integer, Cell> cells = new TreeMap<>();
                for (int i = 0; i < r.size() && i < 50; i++) {
                    String v = r.get(i);
                    cells.put(i, new Cell(v, v.strip().startsWith("="), false));
                }
                collector.accept(line, cells);
            }
        } catch (TooManyRows e) {
            throw tooManyRows();
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException d) {
                throw d;
            }
            throw DomainException.invalid("file", "import.unreadable");
        }
    }

    /** Zip or OLE2 headers, or NUL bytes near the start: not a text file whatever its name says. */
    static boolean looksBinary(byte[] data) {
        if (data.length >= 4 && (data[0] == 'P' && data[1] == 'K' || (data[0] & 0xFF) == 0xD0 && (data[1] & 0xFF) == 0xCF)) {
            return true;
        }
        boolean utf16 = data.length >= 2 && ((data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xFE
                || (data[0] & 0xFF) == 0xFE && (data[1] & 0xFF) == 0xFF);
        if (utf16) {
            return false;
        }
        for (int i = 0; i < Math.min(data.length, 8192); i++) {
            if (data[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** UTF-8 (BOM optional) when the bytes are valid UTF-8; UTF-16 by BOM; otherwise GB18030 (a superset of GBK). */
    static String decode(byte[] data) {
        if (data.length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB && (data[2] & 0xFF) == 0xBF) {
            return new String(data, 3, data.length - 3, StandardCharsets.UTF_8);
        }
        if (data.length >= 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xFE) {
            return new String(data, 2, data.length - 2, StandardCharsets.UTF_16LE);
        }
        if (data.length >= 2 && (data[0] & 0xFF) == 0xFE && (data[1] & 0xFF) == 0xFF) {
            return new String(data, 2, data.length - 2, StandardCharsets.UTF_16BE);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(data, Charset.forName("GB18030"));
        }
    }

    // --- XLSX --------------------------------------------------------------------------------------

    static void readXlsx(byte[] data, Collector collector) {
        if (data.length < 4 || data[0] != 'P' || data[1] != 'K' || data[2] != 3 || data[3] != 4) {
            throw DomainException.invalid("file", "import.notXlsx");
        }
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(MAX_XLSX_ENTRY);
        Path tmp = null;
        try {
            tmp = Files.createTempFile("roster", ".xlsx");
            Files.write(tmp, data);
            try (OPCPackage pkg = OPCPackage.open(tmp.toFile(), PackageAccess.READ)) {
                XSSFReader reader = new XSSFReader(pkg);
                ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
                Iterator<InputStream> sheets = reader.getSheetsData();
                if (!sheets.hasNext()) {
                    throw DomainException.invalid("file", "import.noHeader");
                }
                try (InputStream sheet = sheets.next()) {
                    XMLReader xml = XMLHelper.newXMLReader();
                    xml.setContentHandler(new SheetHandler(strings, collector::accept));
                    xml.parse(new InputSource(sheet));
                }
            }
        } catch (TooManyRows e) {
            throw tooManyRows();
        } catch (DomainException e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TooManyRows) {
                    throw tooManyRows();
                }
                if (t instanceof DomainException d) {
                    throw d;
                }
                String m = String.valueOf(t.getMessage());
                if (m.contains("Zip bomb") || m.contains("zip bomb") || m.contains("MaxEntrySize") || m.contains("ratio")) {
                    throw DomainException.invalid("file", "import.zipBomb");
                }
            }
            throw DomainException.invalid("file", "import.notXlsx");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file; the OS cleans up
                }
            }
        }
    }

    /** SAX over one worksheet's XML: rows of cells, formulas flagged, never evaluated. */
    static final class SheetHandler extends DefaultHandler {
        private final ReadOnlySharedStringsTable strings;
        private final RowSink sink;
        private Map<Integer, Cell> cells;
        private int line;
        private int col;
        private String type;
        private boolean formula;
        private boolean collecting;
        private final StringBuilder text = new StringBuilder();

        interface RowSink {
            void row(int line, Map<Integer, Cell> cells);
        }

        SheetHandler(ReadOnlySharedStringsTable strings, RowSink sink) {
            this.strings = strings;
            this.sink = sink;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes a) {
            switch (localName) {
                case "row" -> {
                    cells = new TreeMap<>();
                    String r = a.getValue("r");
                    line = r == null ? line + 1 : Integer.parseInt(r);
                }
                case "c" -> {
                    col = columnOf(a.getValue("r"), cells == null ? 0 : cells.size());
                    type = a.getValue("t");
                    formula = false;
                    text.setLength(0);
                }
                case "f" -> formula = true;
                case "v", "t" -> collecting = true;
                default -> { }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (collecting && text.length() < 10_000) {
                text.append(ch, start, Math.min(length, 10_000 - text.length()));
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "v", "t" -> collecting = false;
                case "c" -> {
                    if (cells != null && col < 50) {
                        cells.put(col, cell());
                    }
                }
                case "row" -> {
                    if (cells != null) {
                        sink.row(line, cells);
                    }
                    cells = null;
                }
                default -> { }
            }
        }

        private Cell cell() {
            String raw = text.toString();
            if ("s".equals(type)) {
                try {
                    return new Cell(strings.getItemAt(Integer.parseInt(raw.strip())).getString(), formula, false);
                } catch (RuntimeException e) {
                    return new Cell("", formula, false);
                }
            }
            if ("inlineStr".equals(type) || "str".equals(type) || "e".equals(type)) {
                return new Cell(raw, formula, false);
            }
            if ("b".equals(type)) {
                return new Cell("1".equals(raw) ? "TRUE" : "FALSE", formula, false);
            }
            return new Cell(raw, formula, !raw.isBlank());
        }

        static int columnOf(String ref, int fallback) {
            if (ref == null) {
                return fallback;
            }
            int c = 0;
            for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) {
                c = c * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
                if (c > 100_000) {
                    break;
                }
            }
            return c - 1;
        }
    }

    /** A numeric cell's text without exponent or trailing ".0" (phones typed as numbers). */
    static String plainNumber(String raw) {
        try {
            return new BigDecimal(raw.strip()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    /** An Excel date serial (a numeric cell) as a day, or null. */
    static java.time.LocalDate excelDate(String raw) {
        try {
            double d = Double.parseDouble(raw.strip());
            return DateUtil.isValidExcelDate(d) ? DateUtil.getLocalDateTime(d).toLocalDate() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
