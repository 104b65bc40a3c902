package cn.loopgate.it;

import cn.loopgate.permit.PermitType;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A guard on a phone checks a printed whitelist card: the QR code is read from the card PDF the
 * firm's manager downloaded; the guard, bound to one gate of the card's park (preselected, no name to
 * type), sees VALID, and after the liaison revokes the card, REVOKED.
 */
class GateBrowserIT {

    @Test
    void guardOnAPhoneSeesValidThenRevoked() throws Exception {
        Portal portal = Portal.get();
        Api admin = portal.api("admin");
        long firm = TestData.newFirm(admin, "CD-HTP", false, 20);
        String manager = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Instant now = Instant.parse(admin.get("test/clock").json().get("now").asText());
        long id = PermitFixtures.insert(portal, PermitType.CARD, firm, "孙悟空", "110105199001014444",
                now.minus(1, ChronoUnit.DAYS), now.plus(14, ChronoUnit.DAYS));
        PermitFixtures.Bytes pdf = PermitFixtures.download(portal, manager, "/api/v1/permits/pdf?firmId=" + firm + "&type=CARD&ids=" + id);
        assertEquals(200, pdf.status());
        List<String> codes = PermitFixtures.qrCodes(pdf.body(), 0);
        assertEquals(1, codes.size());
        String qr = codes.get(0);
        String guard = TestData.newUser(admin, "GUARD", null);
        TestData.gate(admin, "CD-HTP", "北门岗", guard);

        try (Browser b = Browser.open(portal.baseUrl(), true)) {
            b.login(guard);
            b.go("/gate/verify.xhtml");
            assertTrue(b.waitFor(By.id("gate:gateId")).getText().contains("北门岗"), "the guard's only gate is preselected");
            scan(b, qr);
            WebElement box = b.waitFor(By.id("verdictBox"));
            assertTrue(box.getAttribute("class").contains("lg-verdict-VALID"), box.getAttribute("class"));
            assertEquals("有效", b.driver.findElement(By.id("verdict")).getText());
            assertEquals("孙*空", b.driver.findElement(By.id("holder")).getText());
            assertEquals("北门岗", b.driver.findElement(By.id("scanGate")).getText());
            b.screenshot("gate-valid");

            Api.Res r = portal.api("liaison.cd").post("permits/" + id + "/revoke", Api.obj().put("reason", "丢失补办"));
            assertEquals(200, r.status(), r.raw());

            scan(b, qr);
            b.waitForText(By.id("verdict"), "已吊销");
            assertTrue(b.driver.findElement(By.id("verdictBox")).getAttribute("class").contains("lg-verdict-REVOKED"));
            b.screenshot("gate-revoked");

            scan(b, qr.substring(0, 20) + (qr.charAt(20) == 'A' ? 'B' : 'A') + qr.substring(21));
            b.waitForText(By.id("verdict"), "伪造");

            // a vehicle pass: the guard matches the plate, shown large, with the driver masked
            scan(b, passQr(portal, admin));
            b.waitForText(By.id("verdict"), "有效");
            assertEquals("川AD12345", b.driver.findElement(By.id("plate")).getText());
            assertEquals("刘*傅", b.driver.findElement(By.id("driver")).getText());
            assertFalse(b.driver.findElement(By.id("holder")).isDisplayed(), "a pass shows the plate, not a holder line");
            b.screenshot("gate-pass-plate");
        }
    }

    /** A liaison officer reads the scan log of their park (phone and desktop) and the gates page. */
    @Test
    void aLiaisonReadsTheScanLogAndTheGatesOfTheirPark() throws Exception {
        Portal portal = Portal.get();
        Api admin = portal.api("admin");
        long firm = TestData.newFirm(admin, "CD-ETZ", false, 20);
        String manager = TestData.newUser(admin, "FIRM_MANAGER", firm);
        Instant now = Instant.parse(admin.get("test/clock").json().get("now").asText());
        long id = PermitFixtures.insert(portal, PermitType.CARD, firm, "猪八戒", "110105199001015555",
                now.minus(1, ChronoUnit.DAYS), now.plus(14, ChronoUnit.DAYS));
        String qr = portal.api(manager).get("permits/" + id).json().get("qr").asText();
        String number = portal.api(manager).get("permits/" + id).json().get("number").asText();
        Api.Res scanned = portal.api("guard").post("gate/verify", Api.obj().put("gate", "东门").put("content", qr));
        assertEquals("VALID", scanned.json().get("result").asText(), scanned.raw());

        for (boolean phone : new boolean[]{true, false}) {
            try (Browser b = Browser.open(portal.baseUrl(), phone)) {
                b.login("liaison.cd");
                b.go("/scans.xhtml");
                WebElement field = b.waitFor(By.id("scans:number"));
                field.sendKeys(number);
                b.driver.findElement(By.id("scans:search")).click();
                b.waitForText(By.id("scans:entries"), "猪*戒");
                // read afresh until it holds: the table may be replaced by a late AJAX update between finding and reading
                String table = new org.openqa.selenium.support.ui.WebDriverWait(b.driver, java.time.Duration.ofSeconds(20)).until(d -> {
                    try {
                        String t = d.findElement(By.id("scans:entries")).getText();
                        return t.contains("猪*戒") ? t : null;
                    } catch (org.openqa.selenium.StaleElementReferenceException e) {
                        return null;
                    }
                });
                assertTrue(table.contains("东门") && table.contains("有效") && !table.contains("猪八戒"), table);
                b.screenshot(phone ? "scans-390" : "scans-1440");
                if (!phone) {
                    b.go("/gates.xhtml");
                    String gates = b.waitFor(By.id("gates:table")).getText();
                    assertTrue(gates.contains("东门") && gates.contains("guard"), gates);
                    b.screenshot("gates-1440");
                }
            }
        }
    }

    private static void scan(Browser b, String content) {
        WebElement field = b.waitFor(By.id("gate:content"));
        field.clear();
        field.sendKeys(content);
        b.driver.findElement(By.id("gate:verify")).click();
    }

    /** A pass applied for and approved through the API (as in WhitelistIT): its QR text. */
    static String passQr(Portal portal, Api admin) {
        long firm = TestData.newFirm(admin, "CD-HTP", false, 20);
        Api manager = portal.api(TestData.newUser(admin, "FIRM_MANAGER", firm));
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        Api.Res created = manager.post("passes", Api.obj().put("firmId", firm).put("plate", "川AD12345").put("vehicleType", "TRUCK")
                .put("driverName", "刘师傅").put("driverResidentId", TestData.FAKES.residentId("510107")).put("driverPhone", TestData.FAKES.mobile())
                .put("origin", "成都青白江").put("destination", "高新区二号门").put("cargo", "钢材 20 吨").put("purpose", "MATERIALS_IN")
                .put("validFrom", today.toString()).put("validTo", today.plusDays(2).toString()));
        assertEquals(201, created.status(), created.raw());
        Api.Res approved = portal.api("liaison.cd").post("passes/" + created.json().get("id").asLong() + "/review",
                Api.obj().put("version", created.json().get("version").asLong()).put("approve", true));
        assertEquals(200, approved.status(), approved.raw());
        return manager.get("permits/" + approved.json().get("permitId").asLong()).json().get("qr").asText();
    }
}
