package cn.loopgate.roster;

import cn.loopgate.demo.Fakes;
import cn.loopgate.shared.DomainException;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RosterFileTest {

    static final Fakes FAKES = new Fakes(42);
    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    private static String key(DomainException e) {
        return e.fieldErrors().isEmpty() ? e.messageKey() : e.fieldErrors().get(0).messageKey();
    }

    private static List<RosterImportCheck.Result> check(String name, byte[] data) {
        return RosterImportCheck.check(RosterFile.parse(name, data).rows(), id -> null, TODAY);
    }

    @Test
    void xlsxRowsAreCheckedOneByOne() throws Exception {
        String id1 = FAKES.residentId("110105");
        String id2 = FAKES.residentId("110105");
        String bad = id2.substring(0, 17) + (id2.charAt(17) == '0' ? '1' : '0');
        byte[] file = RosterFiles.xlsx(List.of(
                List.of("姓名", "身份证号", "手机号", "岗位", "入职日期"),
                List.of("张三", id1, "13800138000", "焊工", "2024-03-01"),
                List.of("李四", bad, "13800138001", "", ""),
                List.of("王五", id2, "1380013", "", ""),
                List.of("", id1, "13800138002", "", ""),
                List.of("赵六", FAKES.residentId("110105"), "=1+1", "", "")));
        List<RosterImportCheck.Result> r = check("roster.xlsx", file);
        assertEquals(5, r.size());
        assertTrue(r.get(0).valid());
        assertEquals(LocalDate.of(2024, 3, 1), r.get(0).data().joinedOn());
        assertEquals("import.badResidentId", r.get(1).problems().get(0).key());
        assertEquals("import.badPhone", r.get(2).problems().get(0).key());
        assertTrue(r.get(3).problems().stream().anyMatch(p -> p.key().equals("validation.required")));
        assertTrue(r.get(3).problems().stream().anyMatch(p -> p.key().equals("import.duplicateInFile")));
        assertTrue(r.get(4).problems().stream().anyMatch(p -> p.key().equals("import.formula")));
        assertEquals(3, r.get(1).line());
    }

    @Test
    void csvInUtf8WithAndWithoutBomAndInGbk() {
        String id = FAKES.residentId("320583");
        String text = "姓名,身份证号,手机号,岗位\n陈七," + id + ",13900139000,质检\n";
        byte[] bom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        for (byte[] data : List.of(text.getBytes(StandardCharsets.UTF_8), bom, text.getBytes(Charset.forName("GBK")))) {
            List<RosterImportCheck.Result> r = check("roster.csv", data);
            assertEquals(1, r.size());
            assertTrue(r.get(0).valid(), () -> r.get(0).problems().toString());
            assertEquals("陈七", r.get(0).data().name());
            assertEquals("质检", r.get(0).data().job());
        }
    }

    @Test
    void existingWorkersAreUpdatesNotDuplicates() {
        String id = FAKES.residentId("320583");
        byte[] data = ("姓名,身份证号,手机号\n陈七," + id + ",13900139000\n").getBytes(StandardCharsets.UTF_8);
        var rows = RosterFile.parse("r.csv", data).rows();
        var same = RosterImportCheck.check(rows, Map.of(id, new RosterImportCheck.Existing("陈七", "13900139000", null, null, false))::get, TODAY);
        assertEquals(RosterImportCheck.Action.UNCHANGED, same.get(0).action());
        var changed = RosterImportCheck.check(rows, Map.of(id, new RosterImportCheck.Existing("陈七", "13900139999", null, null, false))::get, TODAY);
        assertEquals(RosterImportCheck.Action.UPDATE, changed.get(0).action());
    }

    @Test
    void aWorkerWhoLeftIsAnUpdateSoTheImportBringsThemBack() {
        String id = FAKES.residentId("320583");
        byte[] data = ("姓名,身份证号,手机号\n陈七," + id + ",13900139000\n").getBytes(StandardCharsets.UTF_8);
        var rows = RosterFile.parse("r.csv", data).rows();
        var left = RosterImportCheck.check(rows, Map.of(id, new RosterImportCheck.Existing("陈七", "13900139000", null, null, true))::get, TODAY);
        assertEquals(RosterImportCheck.Action.UPDATE, left.get(0).action(), "same details, but they had left: written (ACTIVE again)");
    }

    /** docs/whitelist-and-passes.md: cells a spreadsheet could run are refused, whatever their first character. */
    @Test
    void cellsStartingWithAnyFormulaCharacterAreRefusedButAnInternationalPhoneIsNot() {
        String[] hostile = {"+SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1)", "\t=1+1", "\r=1+1", "=1+1", "  =1+1"};
        for (String h : hostile) {
            String id = FAKES.residentId("320583");
            String csv = "姓名,身份证号,手机号,岗位\n陈七," + id + ",13900139000,\"" + h + "\"\n";
            var r = check("r.csv", csv.getBytes(StandardCharsets.UTF_8));
            assertTrue(r.get(0).problems().stream().anyMatch(p -> p.key().equals("import.formula") && p.field().equals("job")),
                    () -> h + " -> " + r.get(0).problems());
        }
        String id = FAKES.residentId("320583");
        var phone = check("r.csv", ("姓名,身份证号,手机号\n陈七," + id + ",+86 139 0013 9000\n").getBytes(StandardCharsets.UTF_8));
        assertTrue(phone.get(0).valid(), () -> phone.get(0).problems().toString());
    }

    @Test
    void namesOfInvisibleOrBrokenCharactersAreRefusedAndNamesAreNfcNormalised() {
        for (String bad : List.of("\u200b\ufeff", "\u202e三张", "a\u0007b", "\u00a0\u3000")) {
            String id = FAKES.residentId("320583");
            var r = check("r.csv", ("姓名,身份证号,手机号\n" + bad + "," + id + ",13900139000\n").getBytes(StandardCharsets.UTF_8));
            assertTrue(r.get(0).problems().stream().anyMatch(p -> p.field().equals("name")), () -> bad + " " + r.get(0).problems());
        }
        String id = FAKES.residentId("320583");
        var r = check("r.csv", ("姓名,身份证号,手机号\n Jose\u0301 ," + id + ",13900139000\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("Jos\u00e9", r.get(0).data().name());
    }

    @Test
    void hostileFilesAreRefusedWithAMessage() throws Exception {
        byte[] csv = "姓名,身份证号,手机号\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("validation.fileName", key(assertThrows(DomainException.class, () -> RosterFile.parse("../../etc/roster.csv", csv))));
        assertEquals("validation.fileName", key(assertThrows(DomainException.class, () -> RosterFile.parse("a\\b.csv", csv))));
        assertEquals("import.fileType", key(assertThrows(DomainException.class, () -> RosterFile.parse("roster.exe", csv))));
        assertEquals("validation.fileNameTooLong", key(assertThrows(DomainException.class, () -> RosterFile.parse("x".repeat(101) + ".csv", csv))));
        assertEquals("import.notXlsx", key(assertThrows(DomainException.class, () -> RosterFile.parse("roster.xlsx", csv))));
        byte[] pdf = "%PDF-1.7\n\0\0binary".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("import.notText", key(assertThrows(DomainException.class, () -> RosterFile.parse("roster.csv", pdf))));
        byte[] zipAsCsv = RosterFiles.xlsx(List.of(List.of("姓名")));
        assertEquals("import.notText", key(assertThrows(DomainException.class, () -> RosterFile.parse("roster.csv", zipAsCsv))));
        byte[] big = new byte[RosterFile.MAX_BYTES + 1];
        assertEquals("import.tooLarge", key(assertThrows(DomainException.class, () -> RosterFile.parse("roster.csv", big))));
        assertEquals("import.noHeader", key(assertThrows(DomainException.class, () -> RosterFile.parse("roster.csv", "\n\n".getBytes()))));
        assertEquals("import.missingColumn", key(assertThrows(DomainException.class,
                () -> RosterFile.parse("roster.csv", "姓名,手机号\n".getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void zipBombIsRefusedWithoutInflatingIt() throws Exception {
        byte[] bomb = RosterFiles.zipBomb(40);
        assertTrue(bomb.length < 1024 * 1024, "the bomb is small: " + bomb.length);
        DomainException e = assertThrows(DomainException.class, () -> RosterFile.parse("bomb.xlsx", bomb));
        assertEquals("import.zipBomb", key(e));
    }

    @Test
    void rowCapStopsReading() throws Exception {
        StringBuilder b = new StringBuilder("姓名,身份证号,手机号\n");
        for (int i = 0; i <= RosterFile.MAX_ROWS; i++) {
            b.append("n").append(i).append(",x,1\n");
        }
        DomainException e = assertThrows(DomainException.class, () -> RosterFile.parse("many.csv", b.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals("import.tooManyRows", key(e));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("姓名", "身份证号", "手机号"));
        for (int i = 0; i <= RosterFile.MAX_ROWS; i++) {
            rows.add(List.of("n" + i, "x", "1"));
        }
        byte[] xlsx = RosterFiles.xlsx(rows);
        assertEquals("import.tooManyRows", key(assertThrows(DomainException.class, () -> RosterFile.parse("many.xlsx", xlsx))));
    }

    @Test
    void numericCellsAreHandled() {
        assertEquals("13800138000", RosterFile.plainNumber("1.3800138E10"));
        assertEquals(LocalDate.of(2024, 3, 1), RosterFile.excelDate("45352"));
    }

    @Test
    void templateAndReportAreSpreadsheetsWithoutFormulas() {
        byte[] t = RosterSheets.template(RosterFile.Format.XLSX);
        assertEquals(0, RosterFile.parse("t.xlsx", t).rows().size());
        assertEquals("'=1+1", RosterSheets.safe("=1+1"));
    }
}
