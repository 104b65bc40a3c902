package cn.loopgate.shared.sheet;

import cn.loopgate.shared.DomainException;

import java.util.Map;

/**
 * Streams the first sheet of an uploaded file row by row to a {@link RowSink}. Blank rows are skipped. The
 * first non-blank row is the header; more than {@link SheetLimits#maxRows()} rows after it stop the reading
 * with {@code import.tooManyRows}. Every refusal is a {@link DomainException} on the field {@code file}
 * with an {@code import.*} key; what the sink throws passes through unchanged.
 */
public interface SheetReader {

    /** Receives each non-blank row: its 1-based line in the file and its cells by 0-based column. */
    @FunctionalInterface
    interface RowSink {
        void row(int line, Map<Integer, SheetCell> cells);
    }

    void read(byte[] data, SheetLimits limits, RowSink sink);

    static SheetReader of(SheetFormat format) {
        return format == SheetFormat.XLSX ? new XlsxSheetReader() : new CsvSheetReader();
    }

    /**
     * Checks the name, emptiness and size of an upload, then reads it with the reader its extension names.
     * Returns the format read.
     */
    static SheetFormat read(String fileName, byte[] data, SheetLimits limits, RowSink sink) {
        SheetFormat format = SheetFormat.of(fileName);
        if (data == null || data.length == 0) {
            throw DomainException.invalid("file", "validation.fileEmpty");
        }
        if (data.length > limits.maxBytes()) {
            throw DomainException.invalid("file", "import.tooLarge", limits.maxMegabytes());
        }
        of(format).read(data, limits, sink);
        return format;
    }
}
