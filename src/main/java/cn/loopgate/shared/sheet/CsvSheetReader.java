package cn.loopgate.shared.sheet;

import cn.loopgate.shared.DomainException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * CSV as Excel and WPS save it: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030 when the bytes
 * are not valid UTF-8. A file that is binary (zip, OLE2, NUL bytes) is refused whatever its name says.
 * Records are parsed one at a time (commons-csv); cells starting with '=' are flagged as formulas.
 */
public final class CsvSheetReader implements SheetReader {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(false).get();

    @Override
    public void read(byte[] data, SheetLimits limits, RowSink sink) {
        if (looksBinary(data)) {
            throw DomainException.invalid("file", "import.notText");
        }
        RowCounter counter = new RowCounter(limits, sink);
        try (CSVParser parser = CSVParser.parse(new StringReader(decode(data)), FORMAT)) {
            int line = 0;
            for (CSVRecord r : parser) {
                line++;
                Map<Integer, SheetCell> cells = new TreeMap<>();
                for (int i = 0; i < r.size() && i < limits.maxColumns(); i++) {
                    String v = RowCounter.cap(r.get(i), limits);
                    cells.put(i, new SheetCell(v, v.strip().startsWith("="), false));
                }
                counter.row(line, cells);
            }
        } catch (RowCounter.Stop e) {
            throw RowCounter.tooManyRows(limits);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // commons-csv reports a malformed file (an unclosed quote, ...) as one of these.
            throw DomainException.invalid("file", "import.unreadable");
        }
    }

    /** Zip or OLE2 headers, or NUL bytes near the start (not UTF-16): not a text file. */
    public static boolean looksBinary(byte[] data) {
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
    public static String decode(byte[] data) {
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
}
