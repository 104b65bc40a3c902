package cn.loopgate.firmimport;

import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import cn.loopgate.shared.Messages;
import cn.loopgate.shared.sheet.HeaderedSheet;
import cn.loopgate.shared.sheet.SheetCell;
import cn.loopgate.shared.sheet.SheetFormat;
import cn.loopgate.shared.sheet.SheetWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The firm list's columns, read through the generic sheet reader: headers as bureaus write them (Chinese, a
 * few synonyms, English), the template (with a second sheet listing the accepted values) and the report.
 */
final class FirmSheet {

    /** Columns in template order; the first header is the template's. */
    enum Column implements HeaderedSheet.Column {
        NAME("name", "企业名称", "名称", "单位名称", "firm name", "name"),
        CREDIT_CODE("creditCode", "统一社会信用代码", "信用代码", "社会信用代码", "credit code", "creditcode"),
        PARK("park", "所属园区", "园区", "park"),
        DISTRICT("district", "所属区县", "区县", "区", "district"),
        INDUSTRY("industry", "行业", "所属行业", "industry"),
        SIZE("aboveSize", "规模类别", "规模", "规上规下", "size", "size class"),
        FOUR_ABOVE("fourAbove", "四上类别", "四上", "four above", "fourabove"),
        STAFF("registeredStaff", "登记职工人数", "职工人数", "从业人数", "registered staff", "staff"),
        CONTACT("contactName", "联系人", "contact", "contact name"),
        PHONE("contactPhone", "联系电话", "联系人手机", "手机号", "phone", "contact phone"),
        LEGAL_REP("legalRep", "法定代表人", "法人", "legal representative", "legal rep"),
        ADDRESS("address", "地址", "企业地址", "address"),
        MANAGER("managerUsername", "管理员账号", "企业管理员账号", "manager account", "manager username"),
        MANAGER_PHONE("managerPhone", "管理员手机", "manager phone"),
        MANAGER_EMAIL("managerEmail", "管理员邮箱", "manager email", "manager mail"),
        /** The firm's named liaison officer (一企一专员, issue 18): the officer's username. */
        LIAISON("liaisonUsername", "驻企联络员账号", "联络员账号", "驻企联络员", "联络员", "liaison", "liaison username",
                "liaison officer");

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

    /** Columns a file must have: what every bureau list holds. The others may be left out. */
    static final List<Column> REQUIRED = List.of(Column.NAME, Column.CREDIT_CODE, Column.PARK, Column.INDUSTRY,
            Column.SIZE, Column.CONTACT, Column.PHONE);

    /** One data row: its line in the file and its cells by column. */
    record Row(int line, Map<Column, SheetCell> cells, java.util.Set<Column> present) {
        SheetCell get(Column c) {
            return cells.getOrDefault(c, SheetCell.EMPTY);
        }

        String text(Column c) {
            return get(c).text().strip();
        }

        boolean has(Column c) {
            return present.contains(c);
        }
    }

    record Parsed(SheetFormat format, List<Row> rows) {
    }

    private FirmSheet() {
    }

    static Parsed parse(String fileName, byte[] data) {
        List<Row> rows = new ArrayList<>();
        SheetFormat format = HeaderedSheet.read(fileName, data, Column.class, REQUIRED,
                (line, cells, present) -> rows.add(new Row(line, cells, present)));
        return new Parsed(format, rows);
    }

    /** The template: the header row, and a second sheet with the accepted values of the coded columns. */
    static byte[] template(SheetFormat format) {
        List<String> headers = Arrays.stream(Column.values()).map(Column::templateHeader).toList();
        if (format == SheetFormat.CSV) {
            return SheetWriter.csv(List.of(headers));
        }
        Locale zh = Messages.DEFAULT_LOCALE;
        List<List<String>> help = new ArrayList<>();
        help.add(List.of(Messages.get(zh, "firmImport.help.column"), Messages.get(zh, "firmImport.help.values")));
        help.add(List.of(Column.SIZE.templateHeader(), "规上 / 规下"));
        help.add(List.of(Column.INDUSTRY.templateHeader(),
                String.join(" / ", Arrays.stream(Industry.values()).map(i -> Messages.get(zh, "industry." + i.name())).toList())));
        help.add(List.of(Column.FOUR_ABOVE.templateHeader(),
                String.join(" / ", Arrays.stream(FourAbove.values()).map(i -> Messages.get(zh, "fourAbove." + i.name())).toList())));
        help.add(List.of(Column.PARK.templateHeader(), Messages.get(zh, "firmImport.help.park")));
        help.add(List.of(Column.MANAGER.templateHeader(), Messages.get(zh, "firmImport.help.manager")));
        help.add(List.of(Column.LIAISON.templateHeader(), Messages.get(zh, "firmImport.help.liaison")));
        return SheetWriter.xlsx(List.of(new SheetWriter.Tab("firms", List.of(headers)),
                new SheetWriter.Tab(Messages.get(zh, "firmImport.help.sheet"), help)));
    }

    /** The per-row report: line, firm, credit code, result (the action or the problems), in the user's language. */
    static byte[] report(List<FirmImportService.RowSummary> rows, SheetFormat format, Locale locale) {
        List<List<String>> out = new ArrayList<>(rows.size() + 1);
        out.add(List.of(Messages.get(locale, "import.col.line"), Messages.get(locale, "field.name"),
                Messages.get(locale, "field.creditCode"), Messages.get(locale, "import.col.result")));
        for (FirmImportService.RowSummary r : rows) {
            String result = r.problems().isEmpty()
                    ? Messages.get(locale, "import.action." + r.action()) + (r.invite() ? "; " + Messages.get(locale, "firmImport.invite") : "")
                    + (r.liaison() == null ? "" : "; " + Messages.get(locale, "firmImport.liaisonNamed", r.liaison()))
                    : String.join("; ", r.problems());
            out.add(List.of(String.valueOf(r.line()), r.name() == null ? "" : r.name(),
                    r.creditCode() == null ? "" : r.creditCode(), result));
        }
        return SheetWriter.write(format, "report", out);
    }
}
