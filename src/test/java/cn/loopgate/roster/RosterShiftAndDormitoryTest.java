package cn.loopgate.roster;

import cn.loopgate.demo.Fakes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 20: the roster import reads the optional shift/team and dormitory room columns, traced in an outbreak. */
class RosterShiftAndDormitoryTest {

    static final Fakes FAKES = new Fakes(20);
    static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

    @Test
    void shiftAndDormitoryAreReadCheckedAndAnEmptyCellKeepsTheRoster() {
        String id = FAKES.residentId("320583");
        String id2 = FAKES.residentId("320583");
        String text = "姓名,身份证号,手机号,班组,宿舍房间\n陈七," + id + ",13900139000,甲班,3号楼204\n"
                + "周八," + id2 + ",13900139001,," + "房".repeat(51) + "\n";
        List<RosterFile.Row> rows = RosterFile.parse("roster.csv", text.getBytes(StandardCharsets.UTF_8)).rows();
        List<RosterImportCheck.Result> r = RosterImportCheck.check(rows, Map.<String, RosterImportCheck.Existing>of()::get, TODAY);
        assertTrue(r.get(0).valid(), () -> r.get(0).problems().toString());
        assertEquals("甲班", r.get(0).data().shiftTeam());
        assertEquals("3号楼204", r.get(0).data().dormitory());
        assertEquals("dormitoryRoom", r.get(1).problems().get(0).field());
        assertEquals("import.tooLong", r.get(1).problems().get(0).key());

        var same = RosterImportCheck.check(rows.subList(0, 1), Map.of(id,
                new RosterImportCheck.Existing("陈七", "13900139000", null, null, false, "甲班", "3号楼204"))::get, TODAY);
        assertEquals(RosterImportCheck.Action.UNCHANGED, same.get(0).action());
        var moved = RosterImportCheck.check(rows.subList(0, 1), Map.of(id,
                new RosterImportCheck.Existing("陈七", "13900139000", null, null, false, "甲班", "5号楼101"))::get, TODAY);
        assertEquals(RosterImportCheck.Action.UPDATE, moved.get(0).action(), "a new room is an update");

        String without = "姓名,身份证号,手机号\n陈七," + id + ",13900139000\n";
        var kept = RosterImportCheck.check(RosterFile.parse("roster.csv", without.getBytes(StandardCharsets.UTF_8)).rows(),
                Map.of(id, new RosterImportCheck.Existing("陈七", "13900139000", null, null, false, "甲班", "3号楼204"))::get, TODAY);
        assertEquals(RosterImportCheck.Action.UNCHANGED, kept.get(0).action(), "a file without the columns keeps them");
        assertNull(kept.get(0).data().shiftTeam());
    }
}
