package cn.loopgate.roster;

import cn.loopgate.roster.RosterFile.Cell;
import cn.loopgate.roster.RosterFile.Column;
import cn.loopgate.shared.Masking;
import cn.loopgate.shared.validation.Identifiers;
import cn.loopgate.shared.validation.Names;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.Objects;

/**
 * Validates the rows of a roster file, all of them, in memory: required fields, resident ID check
 * digit, mobile number, lengths, dates, formulas, duplicates within the file, and what each valid
 * row would do to the roster (add a worker, update one, or nothing).
 */
public final class RosterImportCheck {

    /** What importing a valid row does. */
    public enum Action { NEW, UPDATE, UNCHANGED }

    /** One problem in a row: the column ({@code field.*} key suffix) and a message key with arguments. */
    public record Problem(String field, String key, Object... args) {
    }

    /** A checked row: the normalised worker data, and either problems or an action. */
    public record Result(int line, WorkerData data, List<Problem> problems, Action action) {
        public boolean valid() {
            return problems.isEmpty();
        }

        public String maskedResidentId() {
            return data.residentId() == null ? null : Masking.residentId(data.residentId());
        }
    }

    /** What is already on the roster for one resident ID (to tell updates from no-ops). */
    public record Existing(String name, String phone, String job, LocalDate joinedOn, boolean left) {
    }

    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("uuuu-M-d"), DateTimeFormatter.ofPattern("uuuu/M/d"),
            DateTimeFormatter.ofPattern("uuuu.M.d"), DateTimeFormatter.ofPattern("uuuuMMdd"));

    private RosterImportCheck() {
    }

    /** {@code roster} answers what the roster holds for a (clear, normalised) resident ID, or null. */
    public static List<Result> check(List<RosterFile.Row> rows, Function<String, Existing> roster, LocalDate today) {
        List<Result> out = new ArrayList<>(rows.size());
        Map<String, Integer> firstLine = new HashMap<>();
        for (RosterFile.Row row : rows) {
            out.add(check(row, roster, firstLine, today));
        }
        return out;
    }

    static Result check(RosterFile.Row row, Function<String, Existing> roster, Map<String, Integer> firstLine, LocalDate today) {
        List<Problem> problems = new ArrayList<>();
        for (Column c : Column.values()) {
            if (row.get(c).formula()) {
                problems.add(new Problem(field(c), "import.formula"));
            }
        }
        String name = Names.normalize(row.get(Column.NAME).text());
        Cell idCell = row.get(Column.RESIDENT_ID);
        String id = idCell.text().replace(" ", "").toUpperCase(Locale.ROOT);
        Cell phoneCell = row.get(Column.PHONE);
        String phone = (phoneCell.numeric() ? RosterFile.plainNumber(phoneCell.text()) : phoneCell.text())
                .replace(" ", "").replace("-", "");
        if (phone.startsWith("+86")) {
            phone = phone.substring(3);
        }
        String job = row.get(Column.JOB).text();
        Cell dateCell = row.get(Column.JOINED_ON);
        LocalDate joinedOn = null;
        if (!dateCell.text().isBlank()) {
            joinedOn = dateCell.numeric() ? RosterFile.excelDate(dateCell.text()) : parseDate(dateCell.text());
            if (joinedOn == null || joinedOn.getYear() < 1950 || joinedOn.isAfter(today.plusYears(1))) {
                problems.add(new Problem("joinedOn", "import.badDate"));
                joinedOn = null;
            }
        }
        if (name.isBlank()) {
            problems.add(new Problem("name", "validation.required"));
        } else if (name.codePointCount(0, name.length()) > 50) {
            problems.add(new Problem("name", "import.tooLong", 50));
        } else if (!Names.acceptable(name)) {
            problems.add(new Problem("name", "validation.name"));
        }
        if (id.isBlank()) {
            problems.add(new Problem("residentId", "validation.required"));
        } else if (idCell.numeric()) {
            problems.add(new Problem("residentId", "import.idAsNumber"));
        } else if (!Identifiers.isResidentId(id, today)) {
            problems.add(new Problem("residentId", "import.badResidentId"));
        }
        if (phone.isBlank()) {
            problems.add(new Problem("phone", "validation.required"));
        } else if (!Identifiers.isMobile(phone)) {
            problems.add(new Problem("phone", "import.badPhone"));
        }
        if (job.length() > 50) {
            problems.add(new Problem("job", "import.tooLong", 50));
        }
        if (!id.isBlank() && id.length() <= 18) {
            Integer first = firstLine.putIfAbsent(id, row.line());
            if (first != null) {
                problems.add(new Problem("residentId", "import.duplicateInFile", first));
            }
        }
        WorkerData data = new WorkerData(name.isBlank() ? null : name, id.isBlank() || id.length() > 18 ? null : id,
                phone.isBlank() || phone.length() > 11 ? null : phone, job.isBlank() ? null : job, joinedOn);
        Action action = null;
        if (problems.isEmpty()) {
            Existing e = roster.apply(id);
            if (e == null) {
                action = Action.NEW;
            } else if (!e.left() && e.name().equals(name) && e.phone().equals(phone) && Objects.equals(e.job(), data.job())
                    && (joinedOn == null || joinedOn.equals(e.joinedOn()))) {
                action = Action.UNCHANGED;
            } else {
                action = Action.UPDATE;
            }
        }
        return new Result(row.line(), data, List.copyOf(problems), action);
    }

    static LocalDate parseDate(String text) {
        String t = text.strip();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10);
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(t, f);
            } catch (DateTimeParseException next) {
                // try the next pattern
            }
        }
        return null;
    }

    private static String field(Column c) {
        return switch (c) {
            case NAME -> "name";
            case RESIDENT_ID -> "residentId";
            case PHONE -> "phone";
            case JOB -> "job";
            case JOINED_ON -> "joinedOn";
        };
    }
}
