package fr.yseraa.observatory.core.feature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where pages in a layer's default order ended, so that the page a client asks next (its start index where the last
 * one ended, as GDAL, QGIS and OWSLib page) starts after the last order key ({@code WHERE key > ?}) instead of
 * walking every row before it ({@code OFFSET}). A page is known by its query as SQL with its bound values (which
 * hold the caller's view: another caller's or another filter's pages never meet) and the index where it starts.
 * The keys stay in the server; the most recent entries are kept.
 */
final class PageResumptions {

    /** The rows a query selects, and the index of one of them. */
    record Position(String source, String where, List<Object> params, long index) {
    }

    private static final int CAPACITY = 4096;

    private final Map<Position, Object> lastKeys = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Position, Object> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The order key of the row just before {@code position}, if a page ended there. */
    synchronized Optional<Object> keyBefore(Position position) {
        return Optional.ofNullable(lastKeys.get(position));
    }

    /** Remembers that the row before {@code position} has the order key {@code key}. */
    synchronized void pageEnded(Position position, Object key) {
        lastKeys.put(position, key);
    }
}
