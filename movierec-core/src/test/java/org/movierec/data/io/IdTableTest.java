package org.movierec.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte-string id table: ids of every length, shared prefixes, growth and clearing. */
class IdTableTest {
    private static int add(IdTable t, String id, long line) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        return t.add(b, 0, b.length, IdTable.hash(b, 0, b.length), line);
    }

    private static int find(IdTable t, String id) {
        byte[] b = ("xx" + id + "yy").getBytes(StandardCharsets.UTF_8); // at an offset, as in a block
        return t.find(b, 2, b.length - 2, IdTable.hash(b, 2, b.length - 2));
    }

    @Test
    void idsOfEveryLengthWithSharedPrefixesStayDistinct() {
        List<String> ids = new ArrayList<>();
        for (int len = 1; len <= 40; len++) {
            for (char c = 'a'; c <= 'e'; c++) {
                ids.add("p".repeat(len - 1) + c); // same prefix, differ in the last byte
            }
        }
        ids.add("p".repeat(39) + "a-longer"); // shares its first 40 bytes with an id above
        IdTable t = new IdTable();
        for (int k = 0; k < ids.size(); k++) {
            assertThat(add(t, ids.get(k), k + 1)).isEqualTo(k);
        }
        assertThat(t.size()).isEqualTo(ids.size());
        for (int k = 0; k < ids.size(); k++) {
            assertThat(find(t, ids.get(k))).as(ids.get(k)).isEqualTo(k);
            assertThat(add(t, ids.get(k), 999)).isEqualTo(k);
            assertThat(t.line(k)).isEqualTo(k + 1);
            assertThat(t.name(k)).isEqualTo(ids.get(k));
        }
        assertThat(find(t, "p".repeat(20) + "z")).isEqualTo(-1);
        assertThat(find(t, "")).isEqualTo(-1);
        String huge = "q".repeat(300);
        assertThat(add(t, huge, 1)).isEqualTo(ids.size());
        assertThat(find(t, "q".repeat(299) + "r")).isEqualTo(-1);
        assertThat(find(t, huge)).isEqualTo(ids.size());
        t.clear();
        assertThat(t.size()).isZero();
        assertThat(find(t, "a")).isEqualTo(-1);
        assertThat(add(t, "b", 1)).isZero();
    }

    @Test
    void canonicalIntsAreRecognised() {
        IdTable t = new IdTable();
        String[] ids = {"0", "42", "007", "-1", "2147483647", "2147483648", "1a"};
        for (String id : ids) {
            add(t, id, 1);
        }
        assertThat(t.asInt(0)).isEqualTo(0);
        assertThat(t.asInt(1)).isEqualTo(42);
        assertThat(t.asInt(2)).isEqualTo(-1);
        assertThat(t.asInt(3)).isEqualTo(-1);
        assertThat(t.asInt(4)).isEqualTo(Integer.MAX_VALUE);
        assertThat(t.asInt(5)).isEqualTo(-1);
        assertThat(t.asInt(6)).isEqualTo(-1);
    }
}
