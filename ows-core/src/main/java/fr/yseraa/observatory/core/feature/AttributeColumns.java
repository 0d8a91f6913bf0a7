package fr.yseraa.observatory.core.feature;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attribute names of one query's rows, in column order, made once per query: the rows' {@link RowAttributes}
 * share it, and a reader that has found a name's index once reads that column of every row by index.
 */
public final class AttributeColumns {

    private final List<String> names;
    private final Map<String, Integer> indexes = new HashMap<>();

    public AttributeColumns(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < this.names.size(); i++) {
            if (indexes.putIfAbsent(this.names.get(i), i) != null) {
                throw new IllegalArgumentException("attribute named twice: " + this.names.get(i));
            }
        }
    }

    /** The column of this name, or -1. */
    public int indexOf(Object name) {
        Integer i = indexes.get(name);
        return i == null ? -1 : i;
    }

    public String name(int index) {
        return names.get(index);
    }

    public int size() {
        return names.size();
    }
}
