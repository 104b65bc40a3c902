package cn.loopgate.firmimport;

import cn.loopgate.demo.Fakes;
import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import cn.loopgate.firmimport.FirmImportCheck.Action;
import cn.loopgate.firmimport.FirmImportCheck.Context;
import cn.loopgate.firmimport.FirmImportCheck.Existing;
import cn.loopgate.firmimport.FirmImportCheck.ExistingUser;
import cn.loopgate.firmimport.FirmImportCheck.ParkRef;
import cn.loopgate.firmimport.FirmImportCheck.Result;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.sheet.SheetFormat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirmImportCheckTest {

    static final Fakes FAKES = new Fakes(7);
    static final String HEADER = "企业名称,统一社会信用代码,所属园区,所属区县,行业,规模类别,四上类别,登记职工人数,联系人,联系电话,管理员账号,管理员手机\n";
    static final List<ParkRef> PARKS = List.of(
            new ParkRef(1, "CD-ETZ", "经开区", "CD-LQY", "龙泉驿区"),
            new ParkRef(2, "SZ-SIP", "工业园", "SZ-GYQ", "苏州工业园区"),
            new ParkRef(3, "KS-HTZ", "工业园", "KS", "昆山市"));

    static Context ctx(Set<Long> allowed, Map<String, Existing> firms, Map<String, ExistingUser> users) {
        return new Context(PARKS, allowed, firms, users, true);
    }

    static List<Result> check(String csv, Context ctx) {
        return FirmImportCheck.check(FirmSheet.parse("f.csv", csv.getBytes(StandardCharsets.UTF_8)).rows(), ctx);
    }

    static List<String> keys(Result r) {
        return r.problems().stream().map(FirmImportCheck.Problem::key).toList();
    }

    @Test
    void validRowsByCodeOrLabelInEitherLanguage() {
        String a = FAKES.creditCode("510112");
        String b = FAKES.creditCode("320583");
        String csv = HEADER
                + "成都精工机械有限公司," + a + ",CD-ETZ,,机械装备,规上,规模以上工业,120,张伟,13800138000,mgr.a,13900139000\n"
                + "昆山食品有限公司," + b + ",工业园,昆山市,food,below,,,李娜,+86 139 0013 9000,,\n";
        List<Result> r = check(csv, ctx(null, Map.of(), Map.of()));
        assertTrue(r.get(0).valid(), () -> r.get(0).problems().toString());
        assertEquals(Action.NEW, r.get(0).action());
        assertEquals(Industry.MACHINERY, r.get(0).firm().industry());
        assertEquals(FourAbove.INDUSTRY, r.get(0).firm().fourAbove());
        assertTrue(r.get(0).firm().aboveSize());
        assertEquals(120, r.get(0).firm().registeredStaff());
        assertEquals("张伟", r.get(0).firm().legalRep(), "no legal representative column: the contact");
        assertTrue(r.get(0).invite());
        assertEquals("mgr.a", r.get(0).manager().username());
        assertTrue(r.get(1).valid(), () -> r.get(1).problems().toString());
        assertEquals(3L, r.get(1).firm().parkId(), "a park name shared by two districts, told apart by the district");
        assertEquals(FourAbove.NONE, r.get(1).firm().fourAbove());
        assertEquals("13900139000", r.get(1).firm().contactPhone());
        assertFalse(r.get(1).invite());
        assertEquals(3, r.get(1).line());
    }

    @Test
    void badRowsGetOneProblemPerCellWithTheirLine() {
        String good = FAKES.creditCode("510112");
        String bad = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
        String csv = HEADER
                + "甲公司," + bad + ",CD-ETZ,,机械装备,规上,,,张伟,13800138000,,\n"
                + "乙公司," + good + ",工业园,,钢铁,中型,,-5,张伟,1380013,,\n"
                + "丙公司," + good + ",不存在园区,,机械装备,规下,,,张伟,13800138000,ab,\n"
                + "=HYPERLINK(\"x\")," + FAKES.creditCode("510112") + ",CD-ETZ,苏州工业园区,机械装备,规下,,,,13800138000,,\n";
        List<Result> r = check(csv, ctx(null, Map.of(), Map.of()));
        assertEquals(List.of("validation.creditCode"), keys(r.get(0)));
        assertTrue(keys(r.get(1)).containsAll(List.of("firmImport.ambiguousPark", "firmImport.unknownValue", "firmImport.badStaff",
                "import.badPhone")), keys(r.get(1)).toString());
        assertEquals(2, keys(r.get(1)).stream().filter("firmImport.unknownValue"::equals).count(), "industry and size class");
        assertTrue(keys(r.get(2)).containsAll(List.of("firmImport.duplicateInFile", "firmImport.unknownPark", "validation.username",
                "validation.emailOrPhone")), keys(r.get(2)).toString());
        assertTrue(keys(r.get(3)).containsAll(List.of("import.formula", "firmImport.parkNotInDistrict", "validation.required")),
                keys(r.get(3)).toString());
        assertEquals(List.of(2, 3, 4, 5), r.stream().map(Result::line).toList());
        r.forEach(x -> assertNull(x.action()));
    }

    @Test
    void registeredFirmsAreChangesOrNothingAndBlankOptionalCellsKeepWhatIsRegistered() {
        String code = FAKES.creditCode("510112");
        Existing e = new Existing(77, 1, "成都精工机械有限公司", true, FourAbove.INDUSTRY, Industry.MACHINERY, 120, "王法人",
                "张伟", "13800138000", "龙泉驿区一号");
        String same = HEADER + "成都精工机械有限公司," + code + ",CD-ETZ,,机械装备,规上,,,张伟,13800138000,,\n";
        Result unchanged = check(same, ctx(null, Map.of(code, e), Map.of())).get(0);
        assertEquals(Action.UNCHANGED, unchanged.action(), () -> unchanged.problems().toString());
        assertEquals("王法人", unchanged.firm().legalRep());
        assertEquals(77L, unchanged.firmId());
        Result moved = check(same.replace(",CD-ETZ,", ",SZ-SIP,"), ctx(null, Map.of(code, e), Map.of())).get(0);
        assertEquals(Action.UPDATE, moved.action());
        Result staff = check(same.replace(",规上,,,", ",规上,,121,"), ctx(null, Map.of(code, e), Map.of())).get(0);
        assertEquals(Action.UPDATE, staff.action());
    }

    @Test
    void aLiaisonImportsIntoTheirParksOnly() {
        String code = FAKES.creditCode("510112");
        Existing elsewhere = new Existing(78, 2, "苏州公司", false, FourAbove.NONE, Industry.OTHER, 1, "甲", "乙", "13800138000", null);
        String csv = HEADER + "成都公司," + code + ",SZ-SIP,,机械装备,规上,,,张伟,13800138000,,\n"
                + "另一公司," + FAKES.creditCode("510112") + ",CD-ETZ,,机械装备,规上,,,张伟,13800138000,,\n";
        List<Result> r = check(csv, ctx(Set.of(1L), Map.of(code, elsewhere), Map.of()));
        assertTrue(keys(r.get(0)).containsAll(List.of("firmImport.firmElsewhere", "firmImport.parkNotYours")), keys(r.get(0)).toString());
        assertTrue(r.get(1).valid());
    }

    @Test
    void managersAreInvitedOnceAndTakenUsernamesAreRefused() {
        String code = FAKES.creditCode("510112");
        Existing e = new Existing(79, 1, "成都公司", true, FourAbove.NONE, Industry.OTHER, 1, "甲", "张伟", "13800138000", null);
        String csv = HEADER
                + "成都公司," + code + ",CD-ETZ,,其他,规上,,1,张伟,13800138000,own.mgr,13900139000\n"
                + "新公司," + FAKES.creditCode("510112") + ",CD-ETZ,,其他,规上,,1,张伟,13800138000,taken,13900139000\n"
                + "新公司二," + FAKES.creditCode("510112") + ",CD-ETZ,,其他,规上,,1,张伟,13800138000,OWN.MGR,13900139000\n";
        Map<String, ExistingUser> users = Map.of("own.mgr", new ExistingUser(true, 79L), "taken", new ExistingUser(false, null));
        List<Result> r = check(csv, ctx(null, Map.of(code, e), users));
        assertTrue(r.get(0).valid(), () -> r.get(0).problems().toString());
        assertFalse(r.get(0).invite(), "already the firm's manager: nothing to send");
        assertEquals(List.of("validation.duplicateUsername"), keys(r.get(1)));
        assertEquals(List.of("firmImport.duplicateUsername"), keys(r.get(2)));
        List<Result> keycloak = FirmImportCheck.check(FirmSheet.parse("f.csv", csv.getBytes(StandardCharsets.UTF_8)).rows(),
                new Context(PARKS, null, Map.of(code, e), users, false));
        assertEquals(List.of("firmImport.managersElsewhere"), keys(keycloak.get(0)));
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRefusedAndTheTemplateReadsBack() {
        DomainException e = assertThrows(DomainException.class,
                () -> FirmSheet.parse("f.csv", "企业名称,统一社会信用代码\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("import.missingColumn", e.fieldErrors().get(0).messageKey());
        for (SheetFormat f : SheetFormat.values()) {
            byte[] t = FirmSheet.template(f);
            assertEquals(0, FirmSheet.parse("t." + f.extension(), t).rows().size(), "every header is recognised, no data row");
        }
    }

    @Test
    void theLiaisonColumnNamesAnEnabledOfficerWhoCoversTheFirm() {
        String a = FAKES.creditCode("510112");
        String b = FAKES.creditCode("510112");
        String c = FAKES.creditCode("510112");
        String d = FAKES.creditCode("510112");
        String csv = "企业名称,统一社会信用代码,所属园区,行业,规模类别,联系人,联系电话,驻企联络员账号\n"
                + "甲公司," + a + ",CD-ETZ,机械装备,规上,张伟,13800138000,liaison.cd\n"
                + "乙公司," + b + ",SZ-SIP,机械装备,规上,张伟,13800138000,liaison.cd\n"
                + "丙公司," + c + ",SZ-SIP,机械装备,规上,张伟,13800138000,liaison.cd1\n"
                + "丁公司," + d + ",SZ-SIP,机械装备,规上,张伟,13800138000,nobody\n"
                + "戊公司," + FAKES.creditCode("510112") + ",SZ-SIP,机械装备,规上,张伟,13800138000,\n";
        Map<String, FirmImportCheck.Liaison> liaisons = Map.of("liaison.cd", new FirmImportCheck.Liaison(10, Set.of(1L)),
                "liaison.cd1", new FirmImportCheck.Liaison(11, Set.of()));
        List<Result> r = check(csv, new Context(PARKS, null, Map.of(), Map.of(), true, liaisons));
        assertTrue(r.get(0).valid(), () -> r.get(0).problems().toString());
        assertEquals(10L, r.get(0).liaisonUserId(), "a park-wide officer of the firm's park");
        assertEquals(List.of("firmImport.liaisonOutsideParks"), keys(r.get(1)), "a park-wide officer of another park");
        assertTrue(r.get(2).valid(), () -> r.get(2).problems().toString());
        assertEquals(11L, r.get(2).liaisonUserId(), "a firm-bound officer takes a firm of any park");
        assertEquals(List.of("firmImport.unknownLiaison"), keys(r.get(3)));
        assertTrue(r.get(4).valid());
        assertNull(r.get(4).liaisonUserId(), "blank: the assignment is left as it is");
        assertNull(r.get(4).liaison());
    }
}
