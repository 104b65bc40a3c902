package cn.loopgate.health;

import cn.loopgate.demo.Fakes;
import cn.loopgate.health.HealthImportCheck.Action;
import cn.loopgate.health.HealthImportCheck.Key;
import cn.loopgate.health.HealthImportCheck.Person;
import cn.loopgate.health.HealthImportCheck.Recorded;
import cn.loopgate.health.HealthImportCheck.Result;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.sheet.SheetFormat;
import cn.loopgate.shared.sheet.SheetWriter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sampling site's sheet: headers, each refusal with its line, the actions, and Excel date-times. */
class HealthImportCheckTest {

    static final Fakes FAKES = new Fakes(7);
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-12-05T04:00:00Z"); // 12:00 in the park
    static final String HEADER = "身份证号,姓名,采样时间,检测结果,采样点\n";

    final String idA = FAKES.residentId("110105");
    final String idB = FAKES.residentId("110105");
    final String idC = FAKES.residentId("110105");
    final String stranger = FAKES.residentId("110105");

    private List<Result> check(String csv, Map<Key, Recorded> recorded) {
        HealthSheet.Parsed p = HealthSheet.parse("tests.csv", csv.getBytes(StandardCharsets.UTF_8));
        Map<String, Person> roster = Map.of(idA, new Person(1, "张三"), idB, new Person(2, "李四"), idC, new Person(3, "王五"));
        return HealthImportCheck.check(p.rows(), new HealthImportCheck.Context(roster, recorded, ZONE, NOW));
    }

    private static String keys(Result r) {
        return String.join(",", r.problems().stream().map(p -> p.field() + ":" + p.key()).toList());
    }

    @Test
    void validRowsAndEachRefusalWithItsLine() {
        String badCheck = idA.substring(0, 17) + (idA.charAt(17) == '0' ? '1' : '0');
        String csv = HEADER
                + idA + ",张三,2026-12-05 08:30,阴性,园区采样点1\n"            // 2
                + idB.toLowerCase() + ",李四,2026/12/4 7:05:09,positive,\n"  // 3
                + badCheck + ",张三,2026-12-05 08:30,阴性,\n"                 // 4
                + stranger + ",赵六,2026-12-05 08:30,阴性,\n"                 // 5
                + idA + ",张三,2026-12-05 08:30,阴性,\n"                      // 6 duplicate of 2
                + idC + ",王五,2026-12-05 13:00,阴性,\n"                      // 7 future (park time 12:00)
                + idC + ",王六,2026-12-05 09:00,待出,\n"                      // 8 name differs
                + idC + ",王五,2026-12-05,阴性,\n"                            // 9 no time of day
                + idC + ",王五,2026-12-05 09:30,弱阳,\n"                      // 10 unknown result
                + idC + ",王五,2026-12-05 10:00,=1+1,\n"                      // 11 formula
                + ",王五,2026-12-05 10:00,阴性,\n";                           // 12 no ID
        List<Result> r = check(csv, Map.of());
        assertEquals(11, r.size());
        assertTrue(r.get(0).valid(), keys(r.get(0)));
        assertEquals(Action.NEW, r.get(0).action());
        assertEquals(LocalDateTime.of(2026, 12, 5, 8, 30).atZone(ZONE).toInstant(), r.get(0).sampledAt());
        assertEquals("园区采样点1", r.get(0).site());
        assertTrue(r.get(1).valid(), keys(r.get(1)));
        assertEquals(TestResult.POSITIVE, r.get(1).result());
        assertEquals(2L, r.get(1).workerId());
        assertEquals(4, r.get(2).line());
        assertEquals("residentId:import.badResidentId", keys(r.get(2)));
        assertEquals("residentId:health.test.notOnRoster", keys(r.get(3)));
        assertEquals("residentId:healthImport.duplicate", keys(r.get(4)));
        assertEquals(2, r.get(4).problems().get(0).args()[0]);
        assertEquals("sampledAt:health.test.future", keys(r.get(5)));
        assertEquals("displayName:healthImport.nameMismatch", keys(r.get(6)));
        assertEquals("王*", r.get(6).problems().get(0).args()[0]);
        assertEquals("sampledAt:healthImport.noTime", keys(r.get(7)));
        assertEquals("result:healthImport.badResult", keys(r.get(8)));
        assertTrue(keys(r.get(9)).startsWith("result:import.formula"), keys(r.get(9)));
        assertEquals("residentId:validation.required", keys(r.get(10)));
        // The report never shows an ID in full.
        assertEquals(idA.substring(0, 6) + "********" + idA.substring(14), r.get(0).maskedId());
    }

    @Test
    void aRecordedTestMakesARowUnchangedAnAnswerOrAConflict() {
        Instant t1 = LocalDateTime.of(2026, 12, 4, 8, 0).atZone(ZONE).toInstant();
        Map<Key, Recorded> recorded = new HashMap<>();
        recorded.put(new Key(1, t1), new Recorded(11, TestResult.NEGATIVE));
        recorded.put(new Key(2, t1), new Recorded(12, TestResult.PENDING));
        recorded.put(new Key(3, t1), new Recorded(13, TestResult.NEGATIVE));
        String csv = HEADER
                + idA + ",张三,2026-12-04 08:00,阴性,\n"
                + idB + ",李四,2026-12-04 08:00,阳性,\n"
                + idC + ",王五,2026-12-04 08:00,阳性,\n"
                + idA + ",张三,2026-12-04 08:00:00,待出,\n";
        List<Result> r = check(csv, recorded);
        assertEquals(Action.UNCHANGED, r.get(0).action());
        assertEquals(Action.RESOLVE, r.get(1).action());
        assertEquals(12L, r.get(1).testId());
        assertEquals("result:healthImport.conflict", keys(r.get(2)));
        assertEquals("residentId:healthImport.duplicate", keys(r.get(3)));
    }

    @Test
    void excelDateTimesAndIdsTypedAsNumbers() {
        // 46361.3541666667 is 2026-12-04 08:30 in Excel's serials.
        assertEquals(LocalDateTime.of(2026, 12, 4, 8, 30), HealthImportCheck.excel("46360.3541666667"));
        assertNull(HealthImportCheck.excel("46360"));
        byte[] xlsx = SheetWriter.xlsx(List.of(new SheetWriter.Tab("t", List.of(List.of("身份证号", "姓名", "采样时间", "检测结果"),
                List.of(idA, "张三", "2026-12-05 08:30", "阴性")))));
        HealthSheet.Parsed p = HealthSheet.parse("t.xlsx", xlsx);
        assertEquals(SheetFormat.XLSX, p.format());
        assertEquals(1, p.rows().size());
        assertEquals(2, p.rows().get(0).line());
    }

    @Test
    void aSheetWithoutTheRequiredColumnsIsRefused() {
        DomainException e = assertThrows(DomainException.class,
                () -> HealthSheet.parse("t.csv", "身份证号,姓名,检测结果\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("import.missingColumn", e.fieldErrors().get(0).messageKey());
        // English headers are understood too.
        assertEquals(1, HealthSheet.parse("t.csv", ("resident id,name,sample time,result\n" + idA + ",张三,2026-12-05 08:30,negative\n")
                .getBytes(StandardCharsets.UTF_8)).rows().size());
    }
}
