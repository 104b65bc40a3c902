package cn.loopgate.audit;

import cn.loopgate.shared.Messages;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditSentencesTest {

    @Test
    void flatJsonKeepsStringsNumbersAndNestedValues() {
        Map<String, String> m = AuditSentences.FlatJson.parse(
                "{\"status\":\"APPROVED\",\"version\":2,\"note\":\"a \\\"b\\\" \\u4e2d\",\"list\":[1,{\"x\":\"}\"}],\"off\":null}");
        assertEquals("APPROVED", m.get("status"));
        assertEquals("2", m.get("version"));
        assertEquals("a \"b\" 中", m.get("note"));
        assertEquals("[1,{\"x\":\"}\"}]", m.get("list"));
        assertEquals("null", m.get("off"));
    }

    @Test
    void malformedJsonIsShownNotLost() {
        assertEquals(Map.of("", "{oops"), AuditSentences.FlatJson.parse("{oops"));
    }

    @Test
    void changesUseTheFormsLabelsAndWordsForCodesAndLocalTimes() {
        List<AuditSentences.Change> changes = AuditSentences.changes(
                Map.of("status", "SUBMITTED", "name", "甲", "id", "4"),
                Map.of("status", "APPROVED", "name", "甲", "id", "5", "decidedAt", "2026-12-04T16:35:50.862665Z"),
                Messages.DEFAULT_LOCALE);
        assertEquals(2, changes.size(), changes.toString());
        AuditSentences.Change status = changes.stream().filter(c -> c.label().equals(Messages.get(Messages.DEFAULT_LOCALE, "field.status"))).findFirst().orElseThrow();
        assertFalse(status.before().equals("SUBMITTED"), "a status code must become a word: " + status);
        assertFalse(status.after().equals("APPROVED"), "a status code must become a word: " + status);
        AuditSentences.Change at = changes.stream().filter(c -> c.after().startsWith("2026-12-05")).findFirst().orElseThrow();
        assertEquals("2026-12-05 00:35", at.after(), "instants in China Standard Time");
        assertEquals("—", at.before());
    }

    @Test
    void everyAuditedActionAndTypeHasAWordInBothLanguages() {
        for (var locale : List.of(Messages.DEFAULT_LOCALE, Messages.ENGLISH)) {
            for (String a : AuditView.ACTIONS) {
                assertTrue(!Messages.get(locale, "auditAction." + a).startsWith("auditAction."), a);
            }
            for (String t : AuditView.TYPES) {
                assertTrue(!Messages.get(locale, "entity." + t).startsWith("entity."), t);
            }
        }
    }
}
