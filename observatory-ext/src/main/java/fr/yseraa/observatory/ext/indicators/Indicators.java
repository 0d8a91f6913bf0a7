package fr.yseraa.observatory.ext.indicators;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.LayerSql;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The observatory's indicators as one caller may read them: the methodology sheets (public) and the values, per spatial
 * unit, joined to the units' geometry read through the unit's catalog layer as the caller sees it
 * ({@link SpatialUnit#layer()}). The values themselves are computed only from what the public may see (occurrences
 * counted in a unit only when their public diffusion places them there, public landscape layers), so every caller who
 * may read a unit's layer sees the same values.
 */
public final class Indicators {

    /** The longest a statement may run. */
    static final int TIMEOUT_SECONDS = 30;

    private Indicators() {
    }

    /** Every indicator's sheet, by theme then title. */
    public static List<IndicatorSheet> sheets(CallerFeatures seen) {
        return seen.aggregate(List.of(), TIMEOUT_SECONDS, sql -> read(sql.connection(), seen, null));
    }

    /** The sheet of an indicator, if there is one with that code. */
    public static Optional<IndicatorSheet> sheet(CallerFeatures seen, String code) {
        return seen.aggregate(List.of(), TIMEOUT_SECONDS, sql -> read(sql.connection(), seen, code)).stream().findFirst();
    }

    /**
     * Streams an indicator's values for a unit type the caller may read (a unit of {@link IndicatorSheet#units()}), by
     * period then unit code; only the units the caller sees in the unit's layer; each with the sampling effort beside
     * it when the indicator is counted from occurrences.
     *
     * @param period one period, or null for all
     * @param withGeometry whether to give each unit's geometry (GeoJSON, WGS 84)
     */
    public static void values(CallerFeatures seen, String code, SpatialUnit unit, Period period, boolean withGeometry,
                              Consumer<IndicatorValue> consumer) {
        LayerInfo layer = seen.layer(unit.layer())
                .orElseThrow(() -> new IllegalArgumentException("the caller may not read " + unit.layer()));
        seen.aggregate(List.of(layer), TIMEOUT_SECONDS, sql -> {
            stream(sql, code, unit, period, withGeometry, consumer);
            return null;
        });
    }

    private static void stream(LayerSql sql, String code, SpatialUnit unit, Period period, boolean withGeometry,
                               Consumer<IndicatorValue> consumer) throws SQLException {
        String query = "SELECT v.unit_code, u.name, v.period_start, v.period_end, v.value, "
                + (withGeometry ? "ST_AsGeoJSON(ST_Transform(u.geom, 4326), 6)" : "NULL")
                + ", o.value, b.value, d.value"
                + " FROM obs.indicator_value v JOIN " + unit.units(sql.relation(unit.layer())) + " u ON u.code = v.unit_code"
                + effortJoin("o", "occurrence_count") + effortJoin("b", "effort_observers")
                + effortJoin("d", UnitTrend.EFFORT_INDICATOR)
                + " WHERE v.indicator_code = ? AND v.unit_type = ?"
                + (period == null ? "" : " AND v.period_start = ? AND v.period_end = ?")
                + " ORDER BY v.period_start, v.period_end, v.unit_code";
        try (PreparedStatement ps = sql.connection().prepareStatement(query)) {
            ps.setFetchSize(500);
            ps.setString(1, code);
            ps.setString(2, unit.code());
            if (period != null) {
                ps.setDate(3, Date.valueOf(period.start()));
                ps.setDate(4, Date.valueOf(period.end()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long observations = rs.getLong(7);
                    IndicatorValue.Effort effort = rs.wasNull() ? null
                            : new IndicatorValue.Effort(observations, rs.getLong(8), rs.getLong(9));
                    consumer.accept(new IndicatorValue(rs.getString(1), rs.getString(2),
                            new Period(rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate()), rs.getDouble(5),
                            rs.getString(6), effort));
                }
            }
        }
    }

    /** A left join to the value of another indicator ({@code alias}) in the same unit and period as {@code v}. */
    private static String effortJoin(String alias, String indicator) {
        return " LEFT JOIN obs.indicator_value " + alias + " ON " + alias + ".indicator_code = '" + indicator + "' AND "
                + alias + ".unit_type = v.unit_type AND " + alias + ".unit_code = v.unit_code AND " + alias
                + ".period_start = v.period_start AND " + alias + ".period_end = v.period_end";
    }

    /**
     * Streams the trend of an indicator for each unit of a type the caller may read (or for one unit, {@code unitCode}
     * not null), by unit code: the Mann-Kendall test over the periods the unit has a value for, beside the test of the
     * sampling effort over the same periods. An indicator counted from occurrences leaves out the period not yet over
     * (its count is still growing).
     */
    public static void trends(CallerFeatures seen, String code, SpatialUnit unit, String unitCode,
                              Consumer<UnitTrend> consumer) {
        LayerInfo layer = seen.layer(unit.layer())
                .orElseThrow(() -> new IllegalArgumentException("the caller may not read " + unit.layer()));
        seen.aggregate(List.of(layer), TIMEOUT_SECONDS, sql -> {
            streamTrends(sql, code, unit, unitCode, consumer);
            return null;
        });
    }

    private static void streamTrends(LayerSql sql, String code, SpatialUnit unit, String unitCode,
                                     Consumer<UnitTrend> consumer) throws SQLException {
        String query = "SELECT v.unit_code, u.name, v.period_start, v.period_end, v.value, e.value"
                + " FROM obs.indicator_value v JOIN " + unit.units(sql.relation(unit.layer())) + " u ON u.code = v.unit_code"
                + " LEFT JOIN obs.indicator_value e ON e.indicator_code = ? AND e.unit_type = v.unit_type"
                + " AND e.unit_code = v.unit_code AND e.period_start = v.period_start AND e.period_end = v.period_end"
                + " WHERE v.indicator_code = ? AND v.unit_type = ?" + (unitCode == null ? "" : " AND v.unit_code = ?")
                // a count of occurrences (one with an effort beside it) is not over before its period is
                + " AND (e.value IS NULL OR v.period_end < current_date)"
                + " ORDER BY v.unit_code, v.period_start, v.period_end";
        try (PreparedStatement ps = sql.connection().prepareStatement(query)) {
            ps.setFetchSize(500);
            ps.setString(1, UnitTrend.EFFORT_INDICATOR);
            ps.setString(2, code);
            ps.setString(3, unit.code());
            if (unitCode != null) {
                ps.setString(4, unitCode);
            }
            try (ResultSet rs = ps.executeQuery()) {
                Series series = null;
                while (rs.next()) {
                    if (series == null || !series.unitCode.equals(rs.getString(1))) {
                        if (series != null) {
                            consumer.accept(series.trend());
                        }
                        series = new Series(rs.getString(1), rs.getString(2));
                    }
                    double effort = rs.getDouble(6);
                    series.add(new Period(rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate()), rs.getDouble(5),
                            rs.wasNull() ? null : effort);
                }
                if (series != null) {
                    consumer.accept(series.trend());
                }
            }
        }
    }

    /** One unit's values and efforts in period order, while they are read. */
    private static final class Series {
        private final String unitCode;
        private final String unitName;
        private final List<Period> periods = new ArrayList<>();
        private final List<Double> values = new ArrayList<>();
        private final List<Double> efforts = new ArrayList<>();

        Series(String unitCode, String unitName) {
            this.unitCode = unitCode;
            this.unitName = unitName;
        }

        void add(Period period, double value, Double effort) {
            periods.add(period);
            values.add(value);
            efforts.add(effort);
        }

        UnitTrend trend() {
            if (periods.size() < 3) {
                return new UnitTrend(unitCode, unitName, periods, null, null);
            }
            boolean withEffort = !efforts.contains(null);
            return new UnitTrend(unitCode, unitName, periods, MannKendall.of(array(values)),
                    withEffort ? MannKendall.of(array(efforts)) : null);
        }

        private static double[] array(List<Double> list) {
            return list.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** The sheets (all, or the one of {@code code}), each with the units the caller may read and their periods. */
    private static List<IndicatorSheet> read(Connection c, CallerFeatures seen, String code) throws SQLException {
        Map<String, List<SpatialUnit>> units = new HashMap<>();
        Map<String, List<Period>> periods = new HashMap<>();
        Map<String, OffsetDateTime> updated = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT indicator_code, unit_type, period_start, period_end, max(computed_at)
                FROM obs.indicator_value WHERE CAST(? AS text) IS NULL OR indicator_code = ?
                GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 4, 2""")) {
            ps.setString(1, code);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<SpatialUnit> unit = SpatialUnit.of(rs.getString(2));
                    if (unit.isEmpty() || seen.layer(unit.get().layer()).isEmpty()) {
                        continue;
                    }
                    String indicator = rs.getString(1);
                    List<SpatialUnit> u = units.computeIfAbsent(indicator, k -> new ArrayList<>());
                    if (!u.contains(unit.get())) {
                        u.add(unit.get());
                    }
                    Period p = new Period(rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate());
                    List<Period> seenPeriods = periods.computeIfAbsent(indicator, k -> new ArrayList<>());
                    if (!seenPeriods.contains(p)) {
                        seenPeriods.add(p);
                    }
                    OffsetDateTime at = rs.getObject(5, OffsetDateTime.class);
                    updated.merge(indicator, at, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        Map<String, IndicatorSheet> sheets = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT code, title, theme, unit, definition, objective, method, spatial_units, sources, update_frequency,
                       interpretation, limits, protocol_provider, protocol_access, protocol_steps
                FROM obs.indicator WHERE CAST(? AS text) IS NULL OR code = ? ORDER BY theme, title""")) {
            ps.setString(1, code);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String indicator = rs.getString(1);
                    List<SpatialUnit> u = new ArrayList<>(units.getOrDefault(indicator, List.of()));
                    u.sort(null);
                    sheets.put(indicator, new IndicatorSheet(indicator, rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getString(12),
                            new IndicatorSheet.Protocol(rs.getString(13), rs.getString(14), rs.getString(15)),
                            u, periods.getOrDefault(indicator, List.of()), updated.get(indicator)));
                }
            }
        }
        return new ArrayList<>(sheets.values());
    }
}
