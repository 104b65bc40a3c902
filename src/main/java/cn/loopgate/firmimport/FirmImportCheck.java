package cn.loopgate.firmimport;

import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import cn.loopgate.firmimport.FirmSheet.Column;
import cn.loopgate.firmimport.FirmSheet.Row;
import cn.loopgate.shared.Messages;
import cn.loopgate.shared.SpreadsheetCells;
import cn.loopgate.shared.sheet.SheetCell;
import cn.loopgate.shared.sheet.SheetValues;
import cn.loopgate.shared.validation.Identifiers;
import cn.loopgate.shared.validation.Matches;
import cn.loopgate.shared.validation.Names;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks every row of a firm list in memory: required cells, the credit code's check character, mobile
 * numbers, lengths, coded values (industry, size class, 四上 category) by code or label in either language,
 * the park by code or name (with the district where names repeat), the caller's parks, duplicates within the
 * file, and what each valid row would do: a new firm, a change, or nothing; and whether it invites a manager.
 */
public final class FirmImportCheck {

    public enum Action { NEW, UPDATE, UNCHANGED }

    /** One problem in a row: the column ({@code field.*} key suffix) and a message key with arguments. */
    record Problem(String field, String key, Object... args) {
    }

    /** A park as the check needs it. */
    record ParkRef(long id, String code, String name, String districtCode, String districtName) {
    }

    /** The firm already registered under a credit code. */
    record Existing(long id, long parkId, String name, boolean aboveSize, FourAbove fourAbove, Industry industry,
                    int registeredStaff, String legalRep, String contactName, String contactPhone, String address) {
    }

    /** An existing user named in the manager column: who they are bound to. */
    record ExistingUser(boolean manager, Long firmId) {
    }

    /** An enabled liaison officer named in the liaison column: their id and parks (none: firm-bound). */
    record Liaison(long id, Set<Long> parkIds) {
    }

    /**
     * What the rows are checked against: the parks, those the caller may import into (null: all), the firms
     * with the file's credit codes, the users with the file's manager usernames, whether managers can be invited.
     */
    record Context(List<ParkRef> parks, Set<Long> allowedParks, Map<String, Existing> firms,
                   Map<String, ExistingUser> users, boolean invitations, Map<String, Liaison> liaisons) {

        /** Without a liaison column's officers (files that do not name any). */
        Context(List<ParkRef> parks, Set<Long> allowedParks, Map<String, Existing> firms, Map<String, ExistingUser> users,
                boolean invitations) {
            this(parks, allowedParks, firms, users, invitations, Map.of());
        }
    }

    /** A valid row's firm, merged with the registered firm where cells were left blank. */
    record FirmRow(String creditCode, String name, long parkId, boolean aboveSize, FourAbove fourAbove,
                   Industry industry, int registeredStaff, String legalRep, String contactName, String contactPhone,
                   String address) {
    }

    /** A manager to invite (or already there). */
    record Manager(String username, String phone, String email) {
    }

    record Result(int line, String name, String creditCode, FirmRow firm, Manager manager, boolean invite,
                  Long firmId, List<Problem> problems, Action action, String liaison, Long liaisonUserId) {
        boolean valid() {
            return problems.isEmpty();
        }
    }

    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9._-]{3,64}");
    private static final Pattern EMAIL = Pattern.compile(Matches.EMAIL);
    private static final Pattern INTERNATIONAL_PHONE = Pattern.compile("\\+[0-9][0-9 -]{0,20}");
    private static final Map<String, Industry> INDUSTRIES = labels(Industry.values(), "industry.");
    private static final Map<String, FourAbove> FOUR_ABOVE = labels(FourAbove.values(), "fourAbove.");
    private static final Map<String, Boolean> SIZES = Map.ofEntries(
            Map.entry("规上", true), Map.entry("规模以上", true), Map.entry("是", true), Map.entry("above", true),
            Map.entry("yes", true), Map.entry("true", true),
            Map.entry("规下", false), Map.entry("规模以下", false), Map.entry("否", false), Map.entry("below", false),
            Map.entry("no", false), Map.entry("false", false));

    private FirmImportCheck() {
    }

    static List<Result> check(List<Row> rows, Context ctx) {
        Parks parks = new Parks(ctx.parks());
        Map<String, Integer> codes = new HashMap<>();
        Map<String, Integer> usernames = new HashMap<>();
        List<Result> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(check(row, ctx, parks, codes, usernames));
        }
        return out;
    }

    private static Result check(Row row, Context ctx, Parks parks, Map<String, Integer> codes, Map<String, Integer> usernames) {
        List<Problem> problems = new ArrayList<>();
        for (Column c : Column.values()) {
            SheetCell cell = row.get(c);
            boolean phone = c == Column.PHONE || c == Column.MANAGER_PHONE;
            if (cell.formula() || SpreadsheetCells.formulaLike(cell.text())
                    && !(phone && INTERNATIONAL_PHONE.matcher(cell.text().strip()).matches())) {
                problems.add(new Problem(c.field, "import.formula"));
            }
        }
        String code = row.text(Column.CREDIT_CODE).replace(" ", "").toUpperCase(Locale.ROOT);
        String name = Names.normalize(row.text(Column.NAME));
        if (code.isEmpty()) {
            problems.add(new Problem("creditCode", "validation.required"));
        } else if (row.get(Column.CREDIT_CODE).numeric()) {
            problems.add(new Problem("creditCode", "firmImport.codeAsNumber"));
        } else if (!Identifiers.isCreditCode(code)) {
            problems.add(new Problem("creditCode", "validation.creditCode"));
        } else {
            Integer first = codes.putIfAbsent(code, row.line());
            if (first != null) {
                problems.add(new Problem("creditCode", "firmImport.duplicateInFile", first));
            }
        }
        Existing existing = code.isEmpty() ? null : ctx.firms().get(code);
        if (existing != null && ctx.allowedParks() != null && !ctx.allowedParks().contains(existing.parkId())) {
            problems.add(new Problem("creditCode", "firmImport.firmElsewhere"));
        }
        text(problems, "name", name, 200, true, existing == null ? null : existing.name());
        ParkRef park = parks.resolve(row.text(Column.PARK), row.text(Column.DISTRICT), problems);
        if (park != null && ctx.allowedParks() != null && !ctx.allowedParks().contains(park.id())) {
            problems.add(new Problem("park", "firmImport.parkNotYours"));
            park = null;
        }
        Industry industry = coded(row, Column.INDUSTRY, INDUSTRIES, existing == null ? null : existing.industry(), problems, true);
        Boolean above = coded(row, Column.SIZE, SIZES, existing == null ? null : existing.aboveSize(), problems, true);
        FourAbove fourAbove = coded(row, Column.FOUR_ABOVE, FOUR_ABOVE,
                existing == null ? FourAbove.NONE : existing.fourAbove(), problems, false);
        Integer staff = staff(row, existing, problems);
        String contact = Names.normalize(row.text(Column.CONTACT));
        text(problems, "contactName", contact, 50, true, null);
        String phone = mobile(row.get(Column.PHONE));
        if (phone.isEmpty()) {
            problems.add(new Problem("contactPhone", "validation.required"));
        } else if (!Identifiers.isMobile(phone)) {
            problems.add(new Problem("contactPhone", "import.badPhone"));
        }
        String legalRep = Names.normalize(row.text(Column.LEGAL_REP));
        if (!legalRep.isEmpty()) {
            text(problems, "legalRep", legalRep, 50, true, null);
        } else {
            legalRep = existing != null ? existing.legalRep() : contact;
        }
        String address = row.text(Column.ADDRESS);
        if (address.length() > 300) {
            problems.add(new Problem("address", "import.tooLong", 300));
        }
        address = address.isEmpty() ? (existing == null ? null : existing.address()) : address;
        Manager manager = manager(row, ctx, existing, usernames, problems);
        String liaison = row.text(Column.LIAISON);
        Liaison officer = null;
        if (!liaison.isEmpty()) {
            officer = ctx.liaisons().get(liaison);
            if (officer == null) {
                problems.add(new Problem("liaisonUsername", "firmImport.unknownLiaison", liaison));
            } else if (park != null && !officer.parkIds().isEmpty() && !officer.parkIds().contains(park.id())) {
                problems.add(new Problem("liaisonUsername", "firmImport.liaisonOutsideParks", liaison));
            }
        }

        FirmRow firm = null;
        Action action = null;
        boolean invite = false;
        if (problems.isEmpty()) {
            firm = new FirmRow(code, name, park.id(), above, fourAbove, industry, staff, legalRep, contact, phone, address);
            action = existing == null ? Action.NEW : same(existing, firm) ? Action.UNCHANGED : Action.UPDATE;
            invite = manager != null && !ctx.users().containsKey(manager.username());
        }
        return new Result(row.line(), name.isEmpty() ? null : name, code.isEmpty() || code.length() > 18 ? null : code,
                firm, manager, invite, existing == null ? null : existing.id(), List.copyOf(problems), action,
                liaison.isEmpty() ? null : liaison, officer == null ? null : officer.id());
    }

    private static boolean same(Existing e, FirmRow f) {
        return e.parkId() == f.parkId() && e.name().equals(f.name()) && e.aboveSize() == f.aboveSize()
                && e.fourAbove() == f.fourAbove() && e.industry() == f.industry() && e.registeredStaff() == f.registeredStaff()
                && e.legalRep().equals(f.legalRep()) && e.contactName().equals(f.contactName())
                && e.contactPhone().equals(f.contactPhone()) && Objects.equals(e.address(), f.address());
    }

    private static void text(List<Problem> problems, String field, String value, int max, boolean required, String fallback) {
        if (value.isEmpty()) {
            if (required && fallback == null) {
                problems.add(new Problem(field, "validation.required"));
            }
        } else if (value.codePointCount(0, value.length()) > max) {
            problems.add(new Problem(field, "import.tooLong", max));
        } else if (!Names.acceptable(value)) {
            problems.add(new Problem(field, "validation.name"));
        }
    }

    /** A coded cell by code or label; blank keeps {@code fallback} (the registered value, or the default). */
    private static <T> T coded(Row row, Column c, Map<String, T> values, T fallback, List<Problem> problems, boolean required) {
        String t = row.text(c).toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            if (fallback == null && required) {
                problems.add(new Problem(c.field, "validation.required"));
            }
            return fallback;
        }
        T v = values.get(t);
        if (v == null) {
            problems.add(new Problem(c.field, "firmImport.unknownValue", row.text(c)));
        }
        return v;
    }

    private static Integer staff(Row row, Existing existing, List<Problem> problems) {
        SheetCell cell = row.get(Column.STAFF);
        String t = (cell.numeric() ? SheetValues.plainNumber(cell.text()) : cell.text()).strip().replace(",", "");
        if (t.isEmpty()) {
            return existing == null ? 0 : existing.registeredStaff();
        }
        if (!t.matches("[0-9]{1,7}") || Integer.parseInt(t) > 1_000_000) {
            problems.add(new Problem("registeredStaff", "firmImport.badStaff"));
            return null;
        }
        return Integer.parseInt(t);
    }

    private static String mobile(SheetCell cell) {
        String p = (cell.numeric() ? SheetValues.plainNumber(cell.text()) : cell.text()).strip().replace(" ", "").replace("-", "");
        return p.startsWith("+86") ? p.substring(3) : p;
    }

    private static Manager manager(Row row, Context ctx, Existing existing, Map<String, Integer> usernames, List<Problem> problems) {
        String username = row.text(Column.MANAGER);
        String phone = mobile(row.get(Column.MANAGER_PHONE));
        String email = row.text(Column.MANAGER_EMAIL);
        if (username.isEmpty() && phone.isEmpty() && email.isEmpty()) {
            return null;
        }
        int before = problems.size();
        if (!ctx.invitations()) {
            problems.add(new Problem("managerUsername", "firmImport.managersElsewhere"));
            return null;
        }
        if (username.isEmpty()) {
            problems.add(new Problem("managerUsername", "validation.required"));
        } else if (!USERNAME.matcher(username).matches()) {
            problems.add(new Problem("managerUsername", "validation.username"));
        } else {
            Integer first = usernames.putIfAbsent(username.toLowerCase(Locale.ROOT), row.line());
            if (first != null) {
                problems.add(new Problem("managerUsername", "firmImport.duplicateUsername", first));
            }
            ExistingUser u = ctx.users().get(username);
            if (u != null && !(u.manager() && existing != null && Objects.equals(u.firmId(), existing.id()))) {
                problems.add(new Problem("managerUsername", "validation.duplicateUsername"));
            }
        }
        if (!phone.isEmpty() && !Identifiers.isMobile(phone)) {
            problems.add(new Problem("managerPhone", "import.badPhone"));
        }
        if (!email.isEmpty() && (email.length() > 200 || !EMAIL.matcher(email).matches())) {
            problems.add(new Problem("managerEmail", "validation.email"));
        }
        if (phone.isEmpty() && email.isEmpty()) {
            problems.add(new Problem("managerPhone", "validation.emailOrPhone"));
        }
        return problems.size() > before ? null : new Manager(username, phone.isEmpty() ? null : phone, email.isEmpty() ? null : email);
    }

    /** Codes, Chinese labels and English labels of an enum, lower-cased. */
    private static <E extends Enum<E>> Map<String, E> labels(E[] values, String prefix) {
        Map<String, E> m = new HashMap<>();
        for (E e : values) {
            m.put(e.name().toLowerCase(Locale.ROOT), e);
            m.put(Messages.get(Messages.DEFAULT_LOCALE, prefix + e.name()).toLowerCase(Locale.ROOT), e);
            m.put(Messages.get(Locale.ENGLISH, prefix + e.name()).toLowerCase(Locale.ROOT), e);
        }
        return Map.copyOf(m);
    }

    /** Parks by code (any case) and by name; a name shared by parks of several districts needs the district. */
    private static final class Parks {
        private final Map<String, ParkRef> byCode = new HashMap<>();
        private final Map<String, List<ParkRef>> byName = new HashMap<>();

        Parks(List<ParkRef> parks) {
            for (ParkRef p : parks) {
                byCode.put(p.code().toUpperCase(Locale.ROOT), p);
                byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
            }
        }

        ParkRef resolve(String park, String district, List<Problem> problems) {
            if (park.isEmpty()) {
                problems.add(new Problem("park", "validation.required"));
                return null;
            }
            ParkRef byItsCode = byCode.get(park.toUpperCase(Locale.ROOT));
            List<ParkRef> candidates = byItsCode != null ? List.of(byItsCode) : byName.getOrDefault(park, List.of());
            if (!district.isEmpty()) {
                candidates = candidates.stream().filter(p -> p.districtCode().equalsIgnoreCase(district)
                        || p.districtName().equals(district)).toList();
                if (candidates.isEmpty() && (byItsCode != null || byName.containsKey(park))) {
                    problems.add(new Problem("district", "firmImport.parkNotInDistrict"));
                    return null;
                }
            }
            if (candidates.isEmpty()) {
                problems.add(new Problem("park", "firmImport.unknownPark", park));
                return null;
            }
            if (candidates.size() > 1) {
                problems.add(new Problem("district", "firmImport.ambiguousPark"));
                return null;
            }
            return candidates.get(0);
        }
    }
}
