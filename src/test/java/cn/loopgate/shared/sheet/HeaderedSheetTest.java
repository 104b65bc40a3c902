package cn.loopgate.shared.sheet;

import cn.loopgate.shared.DomainException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HeaderedSheetTest {

    enum Col implements HeaderedSheet.Column {
        NAME("姓名", "name"), PHONE("联系电话", "手机号", "phone"), NOTE("备注", "note");

        private final List<String> headers;

        Col(String... headers) {
            this.headers = Arrays.asList(headers);
        }

        @Override
        public List<String> headers() {
            return headers;
        }
    }

    record Seen(int line, Map<Col, SheetCell> cells, Set<Col> present) {
    }

    static List<Seen> read(String csv) {
        List<Seen> rows = new ArrayList<>();
        HeaderedSheet.read("x.csv", csv.getBytes(StandardCharsets.UTF_8), Col.class, List.of(Col.NAME, Col.PHONE),
                (line, cells, present) -> rows.add(new Seen(line, cells, present)));
        return rows;
    }

    @Test
    void headersAreMatchedBySynonymWhateverTheirCaseMarkOrByteOrderMarkAndInAnyOrder() {
        List<Seen> rows = read("\uFEFFPhone*,其他,姓名\n13800138000,x,张三\n");
        assertEquals(1, rows.size());
        Seen row = rows.get(0);
        assertEquals(2, row.line());
        assertEquals("张三", row.cells().get(Col.NAME).text());
        assertEquals("13800138000", row.cells().get(Col.PHONE).text());
        assertEquals(Set.of(Col.NAME, Col.PHONE), row.present(), "the optional column is not in the file");
    }

    @Test
    void aColumnNamedTwiceCountsAtItsFirstPlace() {
        Seen row = read("姓名,手机号,联系电话\n张三,13800138000,13900139000\n").get(0);
        assertEquals("13800138000", row.cells().get(Col.PHONE).text());
    }

    @Test
    void aMissingRequiredColumnIsNamedByItsTemplateHeader() {
        DomainException e = assertThrows(DomainException.class, () -> read("姓名,备注\n张三,x\n"));
        assertEquals("import.missingColumn", e.fieldErrors().get(0).messageKey());
        assertArrayEquals(new Object[]{"联系电话"}, e.fieldErrors().get(0).args());
    }
}
