package fr.yseraa.observatory.core.feature;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The attributes of one row as an unmodifiable map in column order, its values in an array beside the columns its
 * query's rows share: no map entry is made per value, and {@link #value} reads a column by its index.
 */
public final class RowAttributes extends AbstractMap<String, Object> {

    private final AttributeColumns columns;
    private final Object[] values;

    /** @param values one per column, in column order (kept, not copied) */
    public RowAttributes(AttributeColumns columns, Object[] values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        this.columns = columns;
        this.values = values;
    }

    public AttributeColumns columns() {
        return columns;
    }

    /** The value of the column at this index of {@link #columns()}. */
    public Object value(int index) {
        return values[index];
    }

    @Override
    public Object get(Object key) {
        int i = columns.indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return columns.indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(columns.name(i), values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }
}
