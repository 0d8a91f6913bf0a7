package fr.yseraa.observatory.server.indicators;

import fr.yseraa.observatory.server.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One server for the tests of indicators: a small demo with every indicator computed at start (obs:ComputeIndicators
 * included), shared by the test classes that extend it (one Spring context), and the database to compare with.
 */
abstract class IndicatorServer {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServer.register(registry, "indicators", 4000);
        registry.add("obs.demo.indicators", () -> "true");
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    JdbcTemplate sql() {
        return new JdbcTemplate(dataSource);
    }

    String url(String pathAndQuery) {
        return "http://localhost:" + port + pathAndQuery;
    }

    /** An indicator's values in the database: unit code → value, for one period ({@code start/end}). */
    Map<String, Double> stored(String code, String unit, String period) {
        String[] dates = period.split("/");
        Map<String, Double> values = new TreeMap<>();
        sql().query("SELECT unit_code, value FROM obs.indicator_value WHERE indicator_code = ? AND unit_type = ?"
                        + " AND period_start = ?::date AND period_end = ?::date",
                rs -> {
                    values.put(rs.getString(1), rs.getDouble(2));
                }, code, unit, dates[0], dates[1]);
        return values;
    }

    /** An indicator's values for the one unit of a type, by period ({@code start/end}), in period order. */
    List<Double> storedOverPeriods(String code, String unit, String unitCode) {
        return new ArrayList<>(sql().queryForList("SELECT value FROM obs.indicator_value WHERE indicator_code = ?"
                + " AND unit_type = ? AND unit_code = ? ORDER BY period_start, period_end", Double.class, code, unit, unitCode));
    }
}
