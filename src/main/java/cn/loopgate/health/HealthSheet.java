package cn.loopgate.health;

import cn.loopgate.shared.Messages;
import cn.loopgate.shared.SpreadsheetCells;
import cn.loopgate.shared.sheet.HeaderedSheet;
import cn.loopgate.shared.sheet.SheetCell;
import cn.loopgate.shared.sheet.SheetFormat;
import cn.loopgate.shared.sheet.SheetLimits;
import cn.loopgate.shared.sheet.SheetWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sampling site's sheet of test results, read through the generic streamed reader of {@code shared.sheet}
 * (which refuses hostile input and more than {@link SheetLimits#maxRows()} rows): headers as sampling sites
 * write them (Chinese, a few synonyms, English), the template and the per-row report.
 */
final class HealthSheet {

    /** Columns in template order; the first header is the template's. */
    enum Column implements HeaderedSheet.Column {
        RESIDENT_ID("residentId", "身份证号", "身份证号码", "证件号码", "身份证", "resident id", "residentid", "id number"),
        NAME("displayName", "姓名", "name"),
        SAMPLED_AT("sampledAt", "采样时间", "采样日期时间", "采集时间", "sample time", "sampled at", "sampledat"),
        RESULT("result", "检测结果", "结果", "核酸结果", "result"),
        SITE("site", "采样点", "采样地点", "采样机构", "site", "sampling site");

        final String field;
        final List<String> headers;

        Column(String field, String... headers) {
            this.field = field;
            this.headers = Arrays.asList(headers);
        }

        @Override
        public List<String> headers() {
            return headers;
        }
    }

    static final List<Column> REQUIRED = List.of(Column.RESIDENT_ID, Column.NAME, Column.SAMPLED_AT, Column.RESULT);

    /** One data row: its 1-based line in the file and its cells by column. */
    record Row(int line, Map<Column, SheetCell> cells) {
        SheetCell get(Column c) {
            return cells.getOrDefault(c, SheetCell.EMPTY);
        }

        String text(Column c) {
            return get(c).text().strip();
        }

        /** A cell a spreadsheet would run: a formula, or text that starts like one. */
        boolean formula(Column c) {
            SheetCell cell = get(c);
            return cell.formula() || SpreadsheetCells.formulaLike(cell.text());
        }
    }

    record Parsed(SheetFormat format, List<Row> rows) {
    }

    private HealthSheet() {
    }

    static Parsed parse(String fileName, byte[] data) {
        List<Row> rows = new ArrayList<>();
        SheetFormat format = HeaderedSheet.read(fileName, data, Column.class, REQUIRED,
                (line, cells, present) -> rows.add(new Row(line, cells)));
        return new Parsed(format, rows);
    }

    /** The template: the header row and an example of each value (in .xlsx, a second sheet explains them). */
    static byte[] template(SheetFormat format) {
        List<String> headers = Arrays.stream(Column.values()).map(Column::templateHeader).toList();
        if (format == SheetFormat.CSV) {
            return SheetWriter.csv(List.of(headers));
        }
        Locale zh = Messages.DEFAULT_LOCALE;
        List<List<String>> help = new ArrayList<>();
        help.add(List.of(Messages.get(zh, "firmImport.help.column"), Messages.get(zh, "firmImport.help.values")));
        help.add(List.of(Column.RESIDENT_ID.templateHeader(), Messages.get(zh, "healthImport.help.residentId")));
        help.add(List.of(Column.SAMPLED_AT.templateHeader(), Messages.get(zh, "healthImport.help.sampledAt")));
        help.add(List.of(Column.RESULT.templateHeader(), "阴性 / 阳性 / 待出"));
        help.add(List.of(Column.SITE.templateHeader(), Messages.get(zh, "healthImport.help.site")));
        return SheetWriter.xlsx(List.of(new SheetWriter.Tab("tests", List.of(headers)),
                new SheetWriter.Tab(Messages.get(zh, "firmImport.help.sheet"), help)));
    }

    /** The per-row report: line, name, masked resident ID, result (the action or the problems), in the user's language. */
    static byte[] report(List<HealthImportService.RowSummary> rows, SheetFormat format, Locale locale) {
        List<List<String>> out = new ArrayList<>(rows.size() + 1);
        out.add(List.of(Messages.get(locale, "import.col.line"), Messages.get(locale, "field.displayName"),
                Messages.get(locale, "field.residentId"), Messages.get(locale, "field.result"), Messages.get(locale, "import.col.result")));
        for (HealthImportService.RowSummary r : rows) {
            String outcome = r.problems().isEmpty()
                    ? Messages.get(locale, "healthImport.action." + r.action())
                    : String.join("; ", r.problems());
            out.add(List.of(String.valueOf(r.line()), r.name() == null ? "" : r.name(), r.residentId() == null ? "" : r.residentId(),
                    r.result() == null ? "" : Messages.get(locale, "testResult." + r.result()), outcome));
        }
        return SheetWriter.write(format, "report", out);
    }
}
