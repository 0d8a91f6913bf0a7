package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.catalog.AttributeInfo;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.ext.exports.ExportRequest;
import fr.yseraa.observatory.ext.exports.OccurrenceExport;
import fr.yseraa.observatory.ext.sinp.SensitivityPolicy;
import fr.yseraa.observatory.server.security.CallerFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /rest/exports?dataset=UUID&since=DATE&format=csv|geojson}: the DEE export of occurrences
 * ({@link OccurrenceExport}) as the caller may read them, through the access policy of {@code sinp:occurrences}
 * like every service: the public gets diffusion geometries and no observer names, a producer its own datasets
 * exactly. Deletions go to the callers who see the deleted rows' datasets exactly: the administrators and
 * instructors (all), a producer (its own datasets). Mistakes answer the JSON problem of {@link ErrorAnswers}.
 */
@RestController
public class ExportsController {

    static final String LAYER = "sinp:occurrences";
    /** The time limit of the export's statement: a whole platform takes minutes. */
    private static final int TIMEOUT_SECONDS = 3600;

    private final CatalogService catalogs;
    private final FeatureRepository features;

    public ExportsController(CatalogService catalogs, FeatureRepository features) {
        this.catalogs = catalogs;
        this.features = features;
    }

    @GetMapping(path = "/rest/exports")
    public ResponseEntity<?> export(@RequestParam(required = false) String dataset,
                                    @RequestParam(required = false) String since,
                                    @RequestParam(required = false) String format,
                                    HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = CallerFilter.callerOf(request);
        CallerFeatures seen = features.forCaller(catalogs.catalog(), caller);
        LayerInfo layer = seen.layer(LAYER).orElse(null);
        if (layer == null) {
            return ErrorAnswers.problem(404, "No occurrence layer " + LAYER + " the caller may read");
        }
        ExportRequest export;
        try {
            export = new ExportRequest(parse("dataset", dataset, UUID::fromString),
                    parse("since", since, ExportRequest::parseSince),
                    format == null ? ExportRequest.Format.CSV : parse("format", format, ExportRequest.Format::parse));
        } catch (OwsException e) {
            return ErrorAnswers.problem(e);
        }
        response.setContentType(export.format().mediaType);
        response.setHeader("Content-Disposition", "attachment; filename=\"dee-"
                + (export.dataset() == null ? "all" : export.dataset()) + "." + export.format().extension + "\"");
        OutputStream out = response.getOutputStream();
        String deletions = deletionScope(caller);
        Set<String> published = layer.attributes().stream().map(AttributeInfo::name).collect(Collectors.toSet());
        seen.aggregate(List.of(layer), TIMEOUT_SECONDS, sql -> {
            try {
                return OccurrenceExport.write(sql.connection(), sql.relation(LAYER), published, deletions, export, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
        return null;
    }

    /** The tombstones the caller may learn of: those of the datasets it sees exactly. */
    static String deletionScope(Caller caller) {
        if (caller.hasRole(SensitivityPolicy.ADMIN) || caller.hasRole(SensitivityPolicy.INSTRUCTOR)) {
            return "true";
        }
        if (caller.hasRole(SensitivityPolicy.PRODUCER) && caller.organisationId() != null) {
            // an integer from the user store, not from the request
            return "t.jdd_metadonnee_dee_id IN (SELECT uuid FROM ref.dataset WHERE producer_id = "
                    + caller.organisationId().intValue() + ")";
        }
        return "false";
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(String parameter, String text, Parser<T> parser) {
        if (text == null) {
            return null;
        }
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException e) {
            throw OwsException.invalidParameter(parameter, "Bad " + parameter + " " + text + ": " + e.getMessage());
        }
    }
}
