package cn.loopgate.roster;

import cn.loopgate.shared.Messages;
import cn.loopgate.shared.sheet.SheetFormat;
import cn.loopgate.shared.sheet.SheetWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the import template and the per-row report, as .xlsx or CSV. Every cell is text, never a formula. */
final class RosterSheets {

    static final List<String> TEMPLATE_HEADERS = List.of("姓名", "身份证号", "手机号", "岗位", "入职日期", "班组", "宿舍房间");

    private RosterSheets() {
    }

    static byte[] template(RosterFile.Format format) {
        List<List<String>> rows = List.of(TEMPLATE_HEADERS);
        return format == RosterFile.Format.CSV ? csv(rows) : xlsx(rows);
    }

    static byte[] report(List<RosterImportService.RowView> views, RosterFile.Format format, Locale locale) {
        List<List<String>> rows = new ArrayList<>(views.size() + 1);
        rows.add(List.of(Messages.get(locale, "import.col.line"), Messages.get(locale, "field.name"),
                Messages.get(locale, "field.residentId"), Messages.get(locale, "import.col.result")));
        for (RosterImportService.RowView v : views) {
            String result = v.problems().isEmpty() ? Messages.get(locale, "import.action." + v.action())
                    : String.join("; ", v.problems());
            rows.add(List.of(String.valueOf(v.line()), v.name() == null ? "" : v.name(),
                    v.residentId() == null ? "" : v.residentId(), result));
        }
        return format == RosterFile.Format.CSV ? csv(rows) : xlsx(rows);
    }

    /** A cell that a spreadsheet would run as a formula is prefixed with an apostrophe (CSV injection). */
    static String safe(String v) {
        return cn.loopgate.shared.SpreadsheetCells.neutralize(v);
    }

    private static byte[] csv(List<List<String>> rows) {
        return SheetWriter.csv(rows);
    }

    private static byte[] xlsx(List<List<String>> rows) {
        return SheetWriter.write(SheetFormat.XLSX, "roster", rows);
    }
}
