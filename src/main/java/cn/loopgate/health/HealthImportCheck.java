package cn.loopgate.health;

import cn.loopgate.health.HealthSheet.Column;
import cn.loopgate.health.HealthSheet.Row;
import cn.loopgate.shared.Masking;
import cn.loopgate.shared.sheet.SheetCell;
import cn.loopgate.shared.validation.Identifiers;
import cn.loopgate.shared.validation.Names;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks every row of a sheet of test results in memory: required cells, formulas, the resident ID's check digit
 * (and an ID stored as a number), the worker on the firm's roster with the same name, the sample time (with a time
 * of day, in the park's zone, not in the future), the result (阴性 / 阳性 / 待出 or English), the site's length,
 * duplicates within the file, and what each valid row does: a new test, the answer to a pending one, or nothing.
 */
public final class HealthImportCheck {

    /** What importing a valid row does. */
    public enum Action { NEW, RESOLVE, UNCHANGED }

    /** One problem in a row: the column ({@code field.*} key suffix) and a message key with arguments. */
    record Problem(String field, String key, Object... args) {
    }

    /** A worker on the firm's roster, as the check needs them. */
    record Person(long workerId, String name) {
    }

    /** A test already recorded for a worker at a sample time. */
    record Recorded(long testId, TestResult result) {
    }

    record Key(long workerId, Instant sampledAt) {
    }

    /**
     * What the rows are checked against: the roster's workers by (clear, normalised) resident ID, tests already
     * recorded, the park's zone and the time now.
     */
    record Context(Map<String, Person> roster, Map<Key, Recorded> recorded, ZoneId zone, Instant now) {
    }

    /** A checked row; {@code residentId} is in clear and never leaves the service (reports show {@link #maskedId()}). */
    record Result(int line, String residentId, String name, Instant sampledAt, TestResult result, String site, Long workerId,
                  Long testId, List<Problem> problems, Action action) {
        boolean valid() {
            return problems.isEmpty();
        }

        String maskedId() {
            return residentId == null ? null : Masking.residentId(residentId);
        }
    }

    private static final Map<String, TestResult> RESULTS = Map.ofEntries(
            Map.entry("阴性", TestResult.NEGATIVE), Map.entry("阴", TestResult.NEGATIVE), Map.entry("negative", TestResult.NEGATIVE),
            Map.entry("阳性", TestResult.POSITIVE), Map.entry("阳", TestResult.POSITIVE), Map.entry("positive", TestResult.POSITIVE),
            Map.entry("待出", TestResult.PENDING), Map.entry("待出结果", TestResult.PENDING), Map.entry("检测中", TestResult.PENDING),
            Map.entry("pending", TestResult.PENDING));
    private static final List<DateTimeFormatter> TIMES = List.of(
            pattern("uuuu-M-d H:mm[:ss]"), pattern("uuuu/M/d H:mm[:ss]"), pattern("uuuu.M.d H:mm[:ss]"),
            pattern("uuuu-M-d'T'H:mm[:ss]"), pattern("uuuu年M月d日 H:mm[:ss]"), pattern("uuuu年M月d日H:mm[:ss]"));
    private static final List<DateTimeFormatter> DAYS = List.of(
            pattern("uuuu-M-d"), pattern("uuuu/M/d"), pattern("uuuu.M.d"), pattern("uuuu年M月d日"), pattern("uuuuMMdd"));
    /** Excel's day 0 (serials count days from here; the 1900 leap-year bug only touches serials before 61). */
    private static final LocalDateTime EXCEL_EPOCH = LocalDateTime.of(1899, 12, 30, 0, 0);
    private static final int SITE_MAX = 100;

    private HealthImportCheck() {
    }

    private static DateTimeFormatter pattern(String p) {
        return DateTimeFormatter.ofPattern(p).withResolverStyle(ResolverStyle.STRICT);
    }

    /** The well-formed resident IDs of the rows (normalised), to look the workers up before {@link #check}. */
    static Set<String> residentIds(Collection<Row> rows, LocalDate today) {
        Set<String> ids = new LinkedHashSet<>();
        for (Row r : rows) {
            String id = residentId(r);
            if (!r.get(Column.RESIDENT_ID).numeric() && Identifiers.isResidentId(id, today)) {
                ids.add(id);
            }
        }
        return ids;
    }

    static List<Result> check(List<Row> rows, Context ctx) {
        Map<String, Integer> seen = new HashMap<>();
        List<Result> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(check(row, ctx, seen));
        }
        return out;
    }

    private static Result check(Row row, Context ctx, Map<String, Integer> seen) {
        List<Problem> problems = new ArrayList<>();
        for (Column c : Column.values()) {
            if (row.formula(c)) {
                problems.add(new Problem(c.field, "import.formula"));
            }
        }
        LocalDate today = ctx.now().atZone(ctx.zone()).toLocalDate();
        String id = residentId(row);
        boolean idOk = false;
        if (id.isEmpty()) {
            problems.add(new Problem("residentId", "validation.required"));
        } else if (row.get(Column.RESIDENT_ID).numeric()) {
            problems.add(new Problem("residentId", "import.idAsNumber"));
        } else if (!Identifiers.isResidentId(id, today)) {
            problems.add(new Problem("residentId", "import.badResidentId"));
        } else {
            idOk = true;
        }
        String name = Names.normalize(row.text(Column.NAME));
        if (name.isEmpty()) {
            problems.add(new Problem("displayName", "validation.required"));
        } else if (name.codePointCount(0, name.length()) > 50) {
            problems.add(new Problem("displayName", "import.tooLong", 50));
        }
        Instant sampledAt = sampledAt(row.get(Column.SAMPLED_AT), ctx, problems);
        TestResult result = result(row.text(Column.RESULT), problems);
        String site = row.text(Column.SITE);
        if (site.codePointCount(0, site.length()) > SITE_MAX) {
            problems.add(new Problem("site", "import.tooLong", SITE_MAX));
        }
        Person person = idOk ? ctx.roster().get(id) : null;
        if (idOk && person == null) {
            problems.add(new Problem("residentId", "health.test.notOnRoster"));
        } else if (person != null && !name.isEmpty() && !Names.normalize(person.name()).equals(name)) {
            problems.add(new Problem("displayName", "healthImport.nameMismatch", Masking.name(person.name())));
        }
        if (idOk && sampledAt != null) {
            Integer first = seen.putIfAbsent(id + "@" + sampledAt, row.line());
            if (first != null) {
                problems.add(new Problem("residentId", "healthImport.duplicate", first));
            }
        }
        Action action = null;
        Long testId = null;
        if (problems.isEmpty()) {
            Recorded r = ctx.recorded().get(new Key(person.workerId(), sampledAt));
            if (r == null) {
                action = Action.NEW;
            } else if (r.result() == result || result == TestResult.PENDING) {
                action = Action.UNCHANGED;
            } else if (r.result() == TestResult.PENDING) {
                action = Action.RESOLVE;
                testId = r.testId();
            } else {
                problems.add(new Problem("result", "healthImport.conflict", r.result()));
            }
        }
        return new Result(row.line(), idOk ? id : null, name.isEmpty() ? null : name, sampledAt, result, site.isEmpty() ? null : site,
                person == null ? null : person.workerId(), testId, List.copyOf(problems), action);
    }

    private static String residentId(Row row) {
        return row.text(Column.RESIDENT_ID).replace(" ", "").toUpperCase(Locale.ROOT);
    }

    private static TestResult result(String text, List<Problem> problems) {
        if (text.isEmpty()) {
            problems.add(new Problem("result", "validation.required"));
            return null;
        }
        TestResult r = RESULTS.get(text.toLowerCase(Locale.ROOT));
        if (r == null) {
            problems.add(new Problem("result", "healthImport.badResult", text.length() > 20 ? text.substring(0, 20) : text));
        }
        return r;
    }

    /** The sample time in the park's zone, to the second: typed text, or an Excel date-time (a number with a fraction). */
    private static Instant sampledAt(SheetCell cell, Context ctx, List<Problem> problems) {
        String t = cell.text().strip();
        if (t.isEmpty()) {
            problems.add(new Problem("sampledAt", "validation.required"));
            return null;
        }
        LocalDateTime local = cell.numeric() ? excel(t) : text(t);
        if (local == null) {
            problems.add(new Problem("sampledAt", isDay(t, cell.numeric()) ? "healthImport.noTime" : "healthImport.badTime"));
            return null;
        }
        Instant at = local.atZone(ctx.zone()).toInstant().truncatedTo(ChronoUnit.SECONDS);
        if (at.isAfter(ctx.now().plus(HealthService.FUTURE_TOLERANCE))) {
            problems.add(new Problem("sampledAt", "health.test.future"));
            return null;
        }
        if (local.getYear() < 2020) {
            problems.add(new Problem("sampledAt", "healthImport.badTime"));
            return null;
        }
        return at;
    }

    static LocalDateTime text(String t) {
        String s = t.replace('\u00A0', ' ').replaceAll("\\s+", " ");
        for (DateTimeFormatter f : TIMES) {
            try {
                return LocalDateTime.parse(s, f);
            } catch (DateTimeParseException e) {
                // the next pattern
            }
        }
        return null;
    }

    /** A serial with a time of day (a whole number is a day without one: refused, the interval counts in hours). */
    static LocalDateTime excel(String raw) {
        BigDecimal serial;
        try {
            serial = new BigDecimal(raw.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (serial.signum() <= 0 || serial.compareTo(BigDecimal.valueOf(2_958_465)) > 0 || serial.stripTrailingZeros().scale() <= 0) {
            return null;
        }
        long seconds = serial.multiply(BigDecimal.valueOf(86_400)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return EXCEL_EPOCH.plusSeconds(seconds);
    }

    private static boolean isDay(String t, boolean numeric) {
        if (numeric) {
            try {
                return new BigDecimal(t).stripTrailingZeros().scale() <= 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        for (DateTimeFormatter f : DAYS) {
            try {
                LocalDate.parse(t, f);
                return true;
            } catch (DateTimeParseException e) {
                // the next pattern
            }
        }
        return false;
    }
}
