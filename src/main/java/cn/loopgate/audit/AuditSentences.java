package cn.loopgate.audit;

import cn.loopgate.shared.Messages;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns an audit entry into what a person reads: "驻企联络员 张三 批准了 某某公司 的复工复产方案（第2版）"
 * and, field by field, before → after under the forms' labels ({@code field.*} keys). Codes inside the
 * recorded snapshots (statuses, kinds) become the words any bundle key ending in that code gives.
 */
public final class AuditSentences {

    /** One readable entry of the audit page. */
    public record Line(long id, Instant at, String sentence, List<Change> changes, String reason) implements java.io.Serializable {
    }

    /** One field that changed, with the form's label. */
    public record Change(String label, String before, String after) implements java.io.Serializable {
    }

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{2,}");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(cn.loopgate.shared.web.Formats.CHINA);
    private static final Set<String> HIDDEN = Set.of("id", "firmId", "parkId", "version_", "passwordHash", "salt");
    private static final Map<Locale, Map<String, String>> CODE_WORDS = new ConcurrentHashMap<>();

    private AuditSentences() {
    }

    static Line line(AuditService.Named n, Locale locale) {
        AuditEntry e = n.entry();
        Map<String, String> before = FlatJson.parse(e.getBeforeState());
        Map<String, String> after = FlatJson.parse(e.getAfterState());
        String role = e.getActorRole() == null ? Messages.get(locale, "audit.system") : Messages.get(locale, "role." + e.getActorRole());
        String verb = Messages.get(locale, "auditAction." + e.getAction());
        String object = object(e, before, after, locale);
        String sentence = n.firmName() == null || "Firm".equals(e.getObjectType())
                ? Messages.get(locale, "audit.sentence", role, n.actorName(), verb, object)
                : Messages.get(locale, "audit.sentence.firm", role, n.actorName(), verb, n.firmName(), object);
        return new Line(e.getId(), e.getAt(), sentence, changes(before, after, locale), e.getReason());
    }

    private static String object(AuditEntry e, Map<String, String> before, Map<String, String> after, Locale locale) {
        StringBuilder s = new StringBuilder(Messages.get(locale, "entity." + e.getObjectType()));
        String name = after.getOrDefault("name", before.get("name"));
        if (name != null && !name.isBlank()) {
            s.append(Messages.get(locale, "audit.named", name));
        }
        String version = after.getOrDefault("version", before.get("version"));
        if (version != null && version.matches("\\d+")) {
            s.append(Messages.get(locale, "audit.version", version));
        }
        return s.toString();
    }

    static List<Change> changes(Map<String, String> before, Map<String, String> after, Locale locale) {
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        for (String key : keys) {
            String b = before.get(key);
            String a = after.get(key);
            if (HIDDEN.contains(key) || Objects.equals(b, a)) {
                continue;
            }
            changes.add(new Change(label(key, locale), value(b, locale), value(a, locale)));
        }
        return changes;
    }

    private static String label(String key, Locale locale) {
        String label = Messages.get(locale, "field." + key);
        return label.equals("field." + key) ? key : label;
    }

    static String value(String v, Locale locale) {
        if (v == null || v.isBlank() || "null".equals(v)) {
            return "—";
        }
        if (INSTANT.matcher(v).matches()) {
            return TIME.format(Instant.parse(v));
        }
        if (CODE.matcher(v).matches()) {
            return codeWords(locale).getOrDefault(v, v);
        }
        if ("true".equals(v) || "false".equals(v)) {
            return Messages.get(locale, "common." + v);
        }
        return v;
    }

    /** Every bundle key ending in a code ("planStatus.APPROVED") gives that code a word; the first one wins. */
    private static Map<String, String> codeWords(Locale locale) {
        return CODE_WORDS.computeIfAbsent(Messages.supported(locale), l -> {
            ResourceBundle bundle = ResourceBundle.getBundle(Messages.BUNDLE, l, AuditSentences.class.getClassLoader());
            Map<String, String> words = new HashMap<>();
            for (String key : Collections.list(bundle.getKeys())) {
                int dot = key.lastIndexOf('.');
                String code = key.substring(dot + 1);
                if (dot > 0 && CODE.matcher(code).matches() && !key.startsWith("auditAction.")) {
                    words.putIfAbsent(code, bundle.getString(key));
                }
            }
            return Map.copyOf(words);
        });
    }

    /** The recorded snapshots are flat JSON objects (AuditService.record); nested values are kept as text. */
    static final class FlatJson {
        private final String s;
        private int i;

        private FlatJson(String s) {
            this.s = s;
        }

        static Map<String, String> parse(String json) {
            if (json == null || json.isBlank()) {
                return Map.of();
            }
            try {
                return new FlatJson(json.strip()).object();
            } catch (RuntimeException malformed) {
                return Map.of("", json);
            }
        }

        private Map<String, String> object() {
            Map<String, String> m = new LinkedHashMap<>();
            expect('{');
            skip();
            if (peek() == '}') {
                i++;
                return m;
            }
            while (true) {
                skip();
                String key = string();
                skip();
                expect(':');
                skip();
                m.put(key, valueText());
                skip();
                char c = s.charAt(i++);
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("at " + i);
                }
            }
        }

        private String valueText() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            int start = i;
            if (c == '{' || c == '[') {
                int depth = 0;
                boolean inString = false;
                do {
                    char d = s.charAt(i++);
                    if (inString) {
                        if (d == '\\') {
                            i++;
                        } else if (d == '"') {
                            inString = false;
                        }
                    } else if (d == '"') {
                        inString = true;
                    } else if (d == '{' || d == '[') {
                        depth++;
                    } else if (d == '}' || d == ']') {
                        depth--;
                    }
                } while (depth > 0);
                return s.substring(start, i);
            }
            while (i < s.length() && ",}".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            return s.substring(start, i).strip();
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i++) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + i);
            }
        }

        private char peek() {
            return s.charAt(i);
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
