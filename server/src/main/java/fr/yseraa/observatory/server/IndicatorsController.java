package fr.yseraa.observatory.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.ext.indicators.IndicatorSheet;
import fr.yseraa.observatory.ext.indicators.IndicatorValue;
import fr.yseraa.observatory.ext.indicators.Indicators;
import fr.yseraa.observatory.ext.indicators.MannKendall;
import fr.yseraa.observatory.ext.indicators.Period;
import fr.yseraa.observatory.ext.indicators.SpatialUnit;
import fr.yseraa.observatory.ext.indicators.UnitTrend;
import fr.yseraa.observatory.server.security.CallerFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/indicators}: the observatory's indicators with their methodology sheets, and their values per spatial
 * unit and period as JSON, CSV or GeoJSON, as the caller may read them ({@link Indicators}). Mistakes answer the JSON
 * problem of {@link ErrorAnswers}: an unknown indicator 404, a bad parameter 400 naming it.
 */
@RestController
public class IndicatorsController {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FORMATS = List.of("json", "csv", "geojson");

    private final CatalogService catalogs;
    private final FeatureRepository features;

    public IndicatorsController(CatalogService catalogs, FeatureRepository features) {
        this.catalogs = catalogs;
        this.features = features;
    }

    /** An indicator as listed: the sheet's heading, its units and periods, its last update. */
    public record Summary(String code, String title, String theme, String unit, String definition, List<Unit> units,
                          List<PeriodItem> periods, OffsetDateTime lastUpdate) {
    }

    /** A spatial unit type: its code in the API and its French label. */
    public record Unit(String code, String label) {
    }

    /** A period: its id in the API ({@code start/end}), its dates and its French label. */
    public record PeriodItem(String id, String start, String end, String label) {
    }

    /** The full sheet. */
    public record Sheet(String code, String title, String theme, String unit, String definition, String objective,
                        String method, String spatialUnits, String sources, String updateFrequency,
                        String interpretation, String limits, IndicatorSheet.Protocol protocol, List<Unit> units,
                        List<PeriodItem> periods, OffsetDateTime lastUpdate) {
    }

    @GetMapping(path = "/api/indicators", produces = "application/json")
    public List<Summary> list(HttpServletRequest request) {
        return Indicators.sheets(seen(request)).stream().map(s -> new Summary(s.code(), s.title(), s.theme(), s.unit(),
                s.definition(), units(s), periods(s), s.lastUpdate())).toList();
    }

    @GetMapping(path = "/api/indicators/{code}", produces = "application/json")
    public ResponseEntity<?> sheet(@PathVariable String code, HttpServletRequest request) {
        return Indicators.sheet(seen(request), code).<ResponseEntity<?>>map(s -> ResponseEntity.ok(new Sheet(s.code(),
                        s.title(), s.theme(), s.unit(), s.definition(), s.objective(), s.method(), s.spatialUnits(),
                        s.sources(), s.updateFrequency(), s.interpretation(), s.limits(), s.protocol(), units(s),
                        periods(s), s.lastUpdate())))
                .orElseGet(() -> unknown(code));
    }

    /**
     * The values of an indicator for a unit type ({@code unit}, required), one period ({@code period=start/end}) or
     * all; {@code format} json (default), csv or geojson, else chosen from the Accept header.
     */
    @GetMapping(path = "/api/indicators/{code}/values")
    public ResponseEntity<?> values(@PathVariable String code, @RequestParam(required = false) String unit,
                                    @RequestParam(required = false) String period,
                                    @RequestParam(required = false) String format,
                                    @RequestHeader(name = "Accept", required = false) String accept,
                                    HttpServletRequest request, HttpServletResponse response) throws IOException {
        return answer(code, request, (seen, sheet) -> {
            SpatialUnit spatialUnit = unit(sheet, unit);
            Period chosen = period(sheet, period);
            switch (format(format, accept)) {
                case "csv" -> csv(seen, sheet, spatialUnit, chosen, response);
                case "geojson" -> geoJson(seen, sheet, spatialUnit, chosen, response);
                default -> json(seen, sheet, spatialUnit, chosen, response);
            }
        });
    }

    /**
     * The change of an indicator between periods for each unit of a type ({@code unit}, required), or for one unit
     * ({@code unitCode}): the Mann-Kendall test and Sen's slope of its values, beside those of the sampling effort
     * ({@link UnitTrend#EFFORT_INDICATOR}) over the same periods, and a French sentence reading them.
     */
    @GetMapping(path = "/api/indicators/{code}/trend", produces = "application/json")
    public ResponseEntity<?> trend(@PathVariable String code, @RequestParam(required = false) String unit,
                                   @RequestParam(required = false) String unitCode,
                                   HttpServletRequest request, HttpServletResponse response) throws IOException {
        return answer(code, request, (seen, sheet) -> {
            SpatialUnit spatialUnit = unit(sheet, unit);
            if (unitCode != null) {
                List<UnitTrend> one = new ArrayList<>();
                Indicators.trends(seen, code, spatialUnit, unitCode, one::add);
                if (one.isEmpty()) {
                    throw OwsException.invalidParameter("unitCode", "Indicator " + code + " has no value for the "
                            + spatialUnit.code() + " " + unitCode);
                }
            }
            response.setContentType("application/json");
            try (JsonGenerator g = JSON.getFactory().createGenerator(response.getOutputStream())) {
                g.writeStartObject();
                g.writeStringField("indicator", sheet.code());
                g.writeStringField("title", sheet.title());
                g.writeStringField("unit", spatialUnit.code());
                g.writeStringField("test", "Mann-Kendall (bilatéral, approximation normale, correction des ex-æquo)");
                g.writeNumberField("alpha", UnitTrend.ALPHA);
                g.writeStringField("effortIndicator", UnitTrend.EFFORT_INDICATOR);
                g.writeArrayFieldStart("trends");
                Indicators.trends(seen, code, spatialUnit, unitCode, t -> io(() -> trend(g, t)));
                g.writeEndArray();
                g.writeEndObject();
            }
        });
    }

    /** What an endpoint over one indicator writes, once the indicator is known to the caller. */
    @FunctionalInterface
    private interface SheetAnswer {
        void write(CallerFeatures seen, IndicatorSheet sheet) throws IOException;
    }

    /**
     * Answers for the indicator {@code code} as the caller sees it: 404 when it is unknown to the caller, the JSON
     * problem of a bad parameter, or nothing when {@code answer} wrote the response.
     */
    private ResponseEntity<?> answer(String code, HttpServletRequest request, SheetAnswer answer) throws IOException {
        CallerFeatures seen = seen(request);
        IndicatorSheet sheet = Indicators.sheet(seen, code).orElse(null);
        if (sheet == null) {
            return unknown(code);
        }
        try {
            answer.write(seen, sheet);
            return null;
        } catch (OwsException e) {
            return ErrorAnswers.problem(e);
        }
    }

    private static void trend(JsonGenerator g, UnitTrend t) throws IOException {
        g.writeStartObject();
        g.writeStringField("unitCode", t.unitCode());
        g.writeStringField("unitName", t.unitName());
        g.writeArrayFieldStart("periods");
        for (Period p : t.periods()) {
            g.writeString(p.id());
        }
        g.writeEndArray();
        test(g, "value", t.value());
        test(g, "effort", t.effort());
        g.writeStringField("sentence", t.sentence());
        g.writeEndObject();
    }

    private static void test(JsonGenerator g, String name, MannKendall test) throws IOException {
        if (test == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeNumberField("n", test.n());
        g.writeNumberField("s", test.s());
        g.writeNumberField("variance", test.variance());
        g.writeNumberField("z", test.z());
        g.writeNumberField("p", test.p());
        g.writeNumberField("senSlope", test.senSlope());
        g.writeStringField("verdict", UnitTrend.verdict(test));
        g.writeEndObject();
    }

    private CallerFeatures seen(HttpServletRequest request) {
        return features.forCaller(catalogs.catalog(), CallerFilter.callerOf(request));
    }

    private static ResponseEntity<?> unknown(String code) {
        return ErrorAnswers.problem(404, "No indicator has the code " + code);
    }

    private static SpatialUnit unit(IndicatorSheet sheet, String unit) {
        if (unit == null || unit.isBlank()) {
            throw OwsException.missingParameter("unit");
        }
        return SpatialUnit.of(unit).filter(sheet.units()::contains).orElseThrow(() -> OwsException.invalidParameter("unit",
                "Indicator " + sheet.code() + " has no values per " + unit + "; its units: "
                        + String.join(", ", sheet.units().stream().map(SpatialUnit::code).toList())));
    }

    private static Period period(IndicatorSheet sheet, String period) {
        if (period == null) {
            return null;
        }
        return Period.parse(period).filter(sheet.periods()::contains).orElseThrow(() -> OwsException.invalidParameter(
                "period", "Indicator " + sheet.code() + " has no period " + period + "; its periods (start/end): "
                        + String.join(", ", sheet.periods().stream().map(Period::id).toList())));
    }

    private static String format(String format, String accept) {
        if (format != null) {
            if (!FORMATS.contains(format)) {
                throw OwsException.invalidParameter("format", "Unknown format " + format + "; formats: "
                        + String.join(", ", FORMATS));
            }
            return format;
        }
        if (accept != null && accept.contains("text/csv")) {
            return "csv";
        }
        return accept != null && accept.contains("application/geo+json") ? "geojson" : "json";
    }

    private static List<Unit> units(IndicatorSheet sheet) {
        return sheet.units().stream().map(u -> new Unit(u.code(), u.label())).toList();
    }

    private static List<PeriodItem> periods(IndicatorSheet sheet) {
        return sheet.periods().stream().map(p -> new PeriodItem(p.id(), p.start().toString(), p.end().toString(),
                p.label())).toList();
    }

    private static void json(CallerFeatures seen, IndicatorSheet sheet, SpatialUnit unit, Period period,
                             HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        try (JsonGenerator g = JSON.getFactory().createGenerator(response.getOutputStream())) {
            g.writeStartObject();
            g.writeStringField("indicator", sheet.code());
            g.writeStringField("title", sheet.title());
            g.writeStringField("measure", sheet.unit());
            g.writeStringField("unit", unit.code());
            g.writeStringField("period", period == null ? null : period.id());
            g.writeArrayFieldStart("values");
            Indicators.values(seen, sheet.code(), unit, period, false, v -> io(() -> {
                g.writeStartObject();
                properties(g, v);
                g.writeEndObject();
            }));
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void geoJson(CallerFeatures seen, IndicatorSheet sheet, SpatialUnit unit, Period period,
                                HttpServletResponse response) throws IOException {
        response.setContentType("application/geo+json");
        try (JsonGenerator g = JSON.getFactory().createGenerator(response.getOutputStream())) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            Indicators.values(seen, sheet.code(), unit, period, true, v -> io(() -> {
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeStringField("id", v.unitCode() + "/" + v.period().id());
                g.writeFieldName("geometry");
                g.writeRawValue(v.geoJson());
                g.writeObjectFieldStart("properties");
                properties(g, v);
                g.writeEndObject();
                g.writeEndObject();
            }));
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void properties(JsonGenerator g, IndicatorValue v) throws IOException {
        g.writeStringField("unitCode", v.unitCode());
        g.writeStringField("unitName", v.unitName());
        g.writeStringField("period", v.period().id());
        g.writeStringField("periodLabel", v.period().label());
        g.writeNumberField("value", v.value());
        if (v.effort() == null) {
            g.writeNullField("effort");
        } else {
            g.writeObjectFieldStart("effort");
            g.writeNumberField("observations", v.effort().observations());
            g.writeNumberField("observers", v.effort().observers());
            g.writeNumberField("days", v.effort().days());
            g.writeEndObject();
        }
    }

    private static void csv(CallerFeatures seen, IndicatorSheet sheet, SpatialUnit unit, Period period,
                            HttpServletResponse response) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + sheet.code() + "_" + unit.code()
                + ".csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            csv.printRecord("indicateur", "unite_spatiale", "code_unite", "nom_unite", "debut_periode", "fin_periode",
                    "valeur", "unite_mesure", "nb_observations", "nb_observateurs", "nb_jours_observation");
            Indicators.values(seen, sheet.code(), unit, period, false, v -> io(() -> csv.printRecord(sheet.code(),
                    unit.code(), v.unitCode(), v.unitName(), v.period().start(), v.period().end(), v.value(), sheet.unit(),
                    v.effort() == null ? null : v.effort().observations(), v.effort() == null ? null : v.effort().observers(),
                    v.effort() == null ? null : v.effort().days())));
        }
    }

    @FunctionalInterface
    private interface Io {
        void run() throws IOException;
    }

    private static void io(Io work) {
        try {
            work.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
