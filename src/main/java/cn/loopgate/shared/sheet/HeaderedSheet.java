package cn.loopgate.shared.sheet;

import cn.loopgate.shared.DomainException;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A sheet whose first row names its columns, as bureaus and sampling sites write them: each column of an import
 * is an enum constant with the headers it is known by (Chinese, synonyms, English; the first is the template's).
 * Reads the file through {@link SheetReader} (its limits and refusals) and hands each data row over as cells by
 * column. A file without the header row, or without a required column, is refused naming what is missing.
 */
public final class HeaderedSheet {

    /** A column of an import: the headers it is known by, the template's first. */
    public interface Column {
        List<String> headers();

        default String templateHeader() {
            return headers().get(0);
        }
    }

    /** One data row: its 1-based line in the file, its cells by column and the columns the file has at all. */
    @FunctionalInterface
    public interface RowSink<C extends Enum<C>> {
        void row(int line, Map<C, SheetCell> cells, Set<C> present);
    }

    private HeaderedSheet() {
    }

    /** Reads {@code data}; returns the format it was read as. */
    public static <C extends Enum<C> & Column> SheetFormat read(String fileName, byte[] data, Class<C> type,
                                                                Collection<C> required, RowSink<C> sink) {
        var header = new Object() {
            Map<Integer, C> columns;
            Set<C> present;
        };
        SheetFormat format = SheetReader.read(fileName, data, SheetLimits.DEFAULT, (line, cells) -> {
            if (header.columns == null) {
                header.columns = header(cells, type, required);
                header.present = Set.copyOf(header.columns.values());
                return;
            }
            Map<C, SheetCell> m = new EnumMap<>(type);
            cells.forEach((i, c) -> {
                C col = header.columns.get(i);
                if (col != null) {
                    m.put(col, c);
                }
            });
            sink.row(line, m, header.present);
        });
        if (header.columns == null) {
            throw DomainException.invalid("file", "import.noHeader");
        }
        return format;
    }

    /** The header row's columns by position: a cell names one column; a column named twice counts at its first place. */
    static <C extends Enum<C> & Column> Map<Integer, C> header(Map<Integer, SheetCell> cells, Class<C> type, Collection<C> required) {
        Map<Integer, C> cols = new TreeMap<>();
        Set<C> seen = EnumSet.noneOf(type);
        cells.forEach((i, c) -> {
            String h = c.text().strip().replace("\uFEFF", "").replace("*", "").toLowerCase(Locale.ROOT);
            for (C col : type.getEnumConstants()) {
                if (col.headers().contains(h)) {
                    if (seen.add(col)) {
                        cols.put(i, col);
                    }
                    break;
                }
            }
        });
        for (C r : required) {
            if (!seen.contains(r)) {
                throw DomainException.invalid("file", "import.missingColumn", r.templateHeader());
            }
        }
        return cols;
    }
}
