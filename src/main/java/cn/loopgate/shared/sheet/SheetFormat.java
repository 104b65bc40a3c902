package cn.loopgate.shared.sheet;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.validation.FileNames;

import java.util.Locale;

/** The two formats users upload and download. */
public enum SheetFormat {
    XLSX, CSV;

    /** The format a file name announces, or a refusal (path elements, too long, unknown extension). */
    public static SheetFormat of(String fileName) {
        FileNames.check("file", fileName);
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".xlsx")) {
            return XLSX;
        }
        if (n.endsWith(".csv")) {
            return CSV;
        }
        throw DomainException.invalid("file", "import.fileType");
    }

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String contentType() {
        return this == CSV ? "text/csv; charset=UTF-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
}
