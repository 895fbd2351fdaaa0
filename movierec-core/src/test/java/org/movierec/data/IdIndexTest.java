package org.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

class IdIndexTest {
    @Test
    void mapsBothWays() {
        IdIndex idx = IdIndex.of(42, 7, 1000000, -3);
        assertThat(idx.size()).isEqualTo(4);
        assertThat(idx.indexOf(42)).isZero();
        assertThat(idx.indexOf(-3)).isEqualTo(3);
        assertThat(idx.externalId(2)).isEqualTo(1000000);
        assertThat(idx.indexOf(8)).isEqualTo(-1);
        assertThat(idx.indexOf(Integer.MIN_VALUE)).isEqualTo(-1);
    }

    @Test
    void rejectsDuplicates() {
        assertThatThrownBy(() -> IdIndex.of(1, 2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate id 1");
    }

    @Test
    void stringIdsWithChosenIntIds() {
        IdIndex idx = IdIndex.named(new int[] {5, 1000001, 2}, new String[] {"sku-a", "1000001", "sku-c"});
        assertThat(idx.hasNames()).isTrue();
        assertThat(idx.indexOf(1000001)).isEqualTo(1);
        assertThat(idx.externalId(2)).isEqualTo(2);
        assertThat(idx.indexOfName("sku-c")).isEqualTo(2);
        assertThat(idx.name(0)).isEqualTo("sku-a");
        assertThat(idx.indexOf(3)).isEqualTo(-1);
        assertThatThrownBy(() -> IdIndex.named(new int[] {1, 1}, new String[] {"a", "b"}))
                .hasMessageContaining("duplicate id 1");
        assertThatThrownBy(() -> IdIndex.named(new int[] {1, 2}, new String[] {"a", "a"}))
                .hasMessageContaining("duplicate id 'a'");
        assertThatThrownBy(() -> IdIndex.named(new int[] {1}, new String[] {"a", "b"}))
                .hasMessageContaining("1 ids but 2 names");
    }

    @Property
    void agreesWithAHashMap(@ForAll @Size(max = 300) @UniqueElements java.util.List<Integer> ids) {
        int[] a = ids.stream().filter(x -> x != Integer.MIN_VALUE).mapToInt(Integer::intValue).toArray();
        IdIndex idx = IdIndex.of(a);
        Map<Integer, Integer> ref = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            ref.put(a[i], i);
        }
        for (int i = 0; i < a.length; i++) {
            assertThat(idx.indexOf(a[i])).isEqualTo(i);
            assertThat(idx.externalId(i)).isEqualTo(a[i]);
            assertThat(idx.indexOf(a[i] + 1)).isEqualTo(ref.getOrDefault(a[i] + 1, -1));
        }
    }
}
