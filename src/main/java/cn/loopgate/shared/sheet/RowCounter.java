package cn.loopgate.shared.sheet;

import cn.loopgate.shared.DomainException;

import java.util.Map;

/** Skips blank rows, counts the others and stops the reading beyond the row limit (shared by both readers). */
final class RowCounter {

    /** Thrown out of a parser's loop to stop reading; carries no stack trace. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private final SheetLimits limits;
    private final SheetReader.RowSink sink;
    private int nonBlank;

    RowCounter(SheetLimits limits, SheetReader.RowSink sink) {
        this.limits = limits;
        this.sink = sink;
    }

    void row(int line, Map<Integer, SheetCell> cells) {
        if (cells.values().stream().allMatch(c -> c.text().isBlank() && !c.formula())) {
            return;
        }
        if (++nonBlank > limits.maxRows() + 1) {
            throw new Stop();
        }
        sink.row(line, cells);
    }

    static DomainException tooManyRows(SheetLimits limits) {
        return DomainException.invalid("file", "import.tooManyRows", limits.maxRows());
    }

    static String cap(String text, SheetLimits limits) {
        return text.length() > limits.maxCellChars() ? text.substring(0, limits.maxCellChars()) : text;
    }
}
