package fr.yseraa.observatory.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A row's attributes behave as the ordered map of its columns they replace. */
class RowAttributesTest {

    private final AttributeColumns columns = new AttributeColumns(List.of("taxon", "count", "note"));

    @Test
    void isTheOrderedMapOfItsColumns() {
        RowAttributes row = new RowAttributes(columns, new Object[] {"Anas", 3L, null});
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("taxon", "Anas");
        expected.put("count", 3L);
        expected.put("note", null);
        assertThat(row).isEqualTo(expected);
        assertThat(expected).isEqualTo(row);
        assertThat(row.hashCode()).isEqualTo(expected.hashCode());
        assertThat(new ArrayList<>(row.keySet())).containsExactly("taxon", "count", "note");
        assertThat(new ArrayList<>(row.values())).containsExactly("Anas", 3L, null);
        assertThat(row.get("count")).isEqualTo(3L);
        assertThat(row.containsKey("note")).isTrue();
        assertThat(row.get("note")).isNull();
        assertThat(row.containsKey("other")).isFalse();
        assertThat(row.get("other")).isNull();
        assertThat(row.value(columns.indexOf("taxon"))).isEqualTo("Anas");
        assertThat(columns.indexOf("other")).isEqualTo(-1);
        assertThat(row.toString()).isEqualTo("{taxon=Anas, count=3, note=null}");
    }

    @Test
    void cannotBeChangedNorMadeOfTheWrongWidth() {
        RowAttributes row = new RowAttributes(columns, new Object[] {"Anas", 3L, null});
        assertThatThrownBy(() -> row.put("taxon", "Aythya")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> row.keySet().remove("taxon")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new RowAttributes(columns, new Object[] {"Anas"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttributeColumns(List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class);
    }
}
