package cn.loopgate.it;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Personal data never reaches the log (issue 10). Runs last by {@code @Order(Integer.MAX_VALUE)}
 * (failsafe orders classes with JUnit's {@code ClassOrderer.OrderAnnotation}, see the pom), not by its
 * name: after every other integration test has used the shared portal, its server log holds none of
 * the resident IDs and phone numbers in the database — workers, vehicle pass drivers, firm contacts
 * and plan officers.
 */
@Order(Integer.MAX_VALUE)
class LogPrivacyIT {

    static final List<String> QUERIES = List.of(
            "select resident_id_enc, phone from worker",
            "select driver_resident_id_enc, driver_phone, co_driver_resident_id_enc, co_driver_phone from vehicle_pass",
            "select contact_phone from firm",
            "select officer_phone from plan_version");

    @Test
    void noResidentIdOrPhoneOfTheDatabaseAppearsInTheServerLog() throws Exception {
        Portal portal = Portal.get();
        Set<String> personal = new LinkedHashSet<>();
        // Resident IDs are sealed at rest (*_enc columns): opened with the portal's keys to look for them.
        cn.loopgate.shared.crypto.PersonalDataCipher cipher = portal.cipher();
        try (Connection c = portal.db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String q : QUERIES) {
                try (ResultSet rs = s.executeQuery(q)) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            String v = rs.getString(i);
                            if (rs.getMetaData().getColumnName(i).endsWith("_enc")) {
                                v = cipher.decrypt(v);
                            }
                            if (v != null && v.length() >= 11) {
                                personal.add(v);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(personal.size() > 50, "the demo data and the tests left personal data to look for: " + personal.size());
        String log = Files.readString(portal.server.log(), StandardCharsets.UTF_8);
        assertTrue(log.length() > 1000, "the server log was found: " + portal.server.log());
        // Whole values only: an 11-digit phone must not be "found" inside a longer number such as a timestamp.
        Set<String> tokens = new java.util.HashSet<>();
        Matcher m = Pattern.compile("[0-9A-Za-z]+").matcher(log);
        while (m.find()) {
            if (m.end() - m.start() == 11 || m.end() - m.start() == 18) {
                tokens.add(m.group());
            }
        }
        List<String> leaked = new ArrayList<>();
        for (String value : personal) {
            if (tokens.contains(value)) {
                leaked.add(value.substring(0, 3) + "…" + value.substring(value.length() - 2));
            }
        }
        System.out.println("LogPrivacyIT: " + personal.size() + " resident IDs and phones looked for in "
                + log.length() + " characters of log");
        assertEquals(List.of(), leaked, "personal data in " + portal.server.log());
    }
}
