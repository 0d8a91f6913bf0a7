package fr.yseraa.observatory.server.imports;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.ext.imports.ImportRequest;
import fr.yseraa.observatory.ext.imports.OccurrenceImport;
import fr.yseraa.observatory.ext.imports.RejectionLimit;
import fr.yseraa.observatory.server.ErrorAnswers;
import fr.yseraa.observatory.server.ObservatoryProperties;
import fr.yseraa.observatory.server.security.CallerFilter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports through the REST API.
 * <ul>
 * <li>{@code POST /rest/imports?dataset=UUID&mapping=NAME[&mode=incremental|full][&dryRun=true][&maxRejected=N|P%]}
 * with the file as a
 * multipart part named {@code file} (its name tells the format) or as the raw body (the format from {@code format} =
 * {@code csv}, {@code geojson} or {@code gpkg}, else from the Content-Type): 202 with the job and its
 * {@code Location}. The admin may import into any dataset, a producer into its own organisation's datasets only,
 * others are refused (401 for the public, 403 for the rest).</li>
 * <li>{@code GET /rest/imports/{id}}: the job's state ({@code queued}, {@code running} with its phase and progress,
 * {@code done} with the JSON report, {@code failed} with the reason, and the report when the import was refused for
 * more rejections than {@code maxRejected}: then nothing was written), for the login that sent it and the admin;
 * 404 for anybody else, as for a job that does not exist.</li>
 * </ul>
 */
@RestController
public class ImportsController {

    /** Format → the extension the import reads it by. */
    private static final Map<String, String> FORMATS = Map.of("csv", "csv", "txt", "csv", "geojson", "geojson",
            "json", "geojson", "gpkg", "gpkg");
    private static final Map<String, String> MEDIA_TYPES = Map.of("text/csv", "csv", "text/plain", "csv",
            "application/geo+json", "geojson", "application/json", "geojson", "application/geopackage+sqlite3", "gpkg");

    private final ImportJobs jobs;
    private final ObservatoryProperties properties;

    public ImportsController(ImportJobs jobs, ObservatoryProperties properties) {
        this.jobs = jobs;
        this.properties = properties;
    }

    @PostMapping("/rest/imports")
    public ResponseEntity<?> submit(HttpServletRequest request) throws IOException, ServletException {
        Caller caller = CallerFilter.callerOf(request);
        if (caller.isAnonymous()) {
            return loginRequired();
        }
        try {
            UUID dataset = uuid(request.getParameter("dataset"), "dataset");
            Optional<Integer> producer = jobs.producerOf(dataset);
            if (producer.isEmpty()) {
                throw OwsException.invalidParameter("dataset", "No dataset " + dataset + " in the catalogue of datasets");
            }
            if (!caller.hasRole("admin") && !(caller.hasRole("producer") && producer.get().equals(caller.organisationId()))) {
                return ErrorAnswers.problem(403, "Only the admin, or a producer of the dataset's organisation, may import into it");
            }
            String mapping = required(request.getParameter("mapping"), "mapping");
            try {
                OccurrenceImport.checkMapping(properties.dataDir(), mapping);
            } catch (IllegalArgumentException e) {
                throw OwsException.invalidParameter("mapping", "No usable mapping " + mapping);
            }
            ImportRequest.Mode mode;
            try {
                mode = ImportRequest.Mode.parse(Optional.ofNullable(request.getParameter("mode")).orElse("incremental"));
            } catch (IllegalArgumentException e) {
                throw OwsException.invalidParameter("mode", "mode is incremental or full");
            }
            String dryRun = Optional.ofNullable(request.getParameter("dryRun")).orElse("false").toLowerCase(Locale.ROOT);
            if (!dryRun.equals("true") && !dryRun.equals("false")) {
                throw OwsException.invalidParameter("dryRun", "dryRun is true or false");
            }
            RejectionLimit maxRejected;
            try {
                maxRejected = request.getParameter("maxRejected") == null ? RejectionLimit.NONE
                        : RejectionLimit.parse(request.getParameter("maxRejected"));
            } catch (IllegalArgumentException e) {
                throw OwsException.invalidParameter("maxRejected", "maxRejected is a number of rows (10) or a percentage of the rows read (0.5%)");
            }
            if (jobs.full()) {
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "60")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(ErrorAnswers.problem(503, "Too many imports are waiting: try again later").getBody());
            }
            UUID id = spoolAndQueue(request, caller, new ImportRequest(null, dataset, mapping, mode, dryRun.equals("true"), maxRejected));
            return ResponseEntity.accepted().location(URI.create(request.getContextPath() + "/rest/imports/" + id))
                    .body(jobs.describe(id).orElseThrow());
        } catch (OwsException e) {
            return ErrorAnswers.problem(e);
        } catch (RejectedExecutionException e) {
            return ErrorAnswers.problem(503, "Too many imports are waiting: try again later");
        }
    }

    /** Spools the body's file and queues the import {@code asked} describes (its file is the spooled one). */
    private UUID spoolAndQueue(HttpServletRequest request, Caller caller, ImportRequest asked) throws IOException, ServletException {
        String contentType = Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(Locale.ROOT);
        if (contentType.startsWith("multipart/form-data")) {
            Part part = request.getPart("file");
            if (part == null) {
                throw OwsException.invalidParameter("file", "The multipart body has no part named file");
            }
            String name = Optional.ofNullable(part.getSubmittedFileName()).filter(n -> !n.isBlank()).orElse("file");
            String format = format(request.getParameter("format"), extension(name), null);
            try (InputStream in = part.getInputStream()) {
                return jobs.submit(caller.user(), in, name, format, asked);
            }
        }
        String format = format(request.getParameter("format"), null, contentType.split(";")[0].strip());
        try (InputStream in = request.getInputStream()) {
            return jobs.submit(caller.user(), in, "body." + format, format, asked);
        }
    }

    @GetMapping("/rest/imports/{id}")
    public ResponseEntity<?> job(HttpServletRequest request, @PathVariable String id) {
        Caller caller = CallerFilter.callerOf(request);
        if (caller.isAnonymous()) {
            return loginRequired();
        }
        UUID job;
        try {
            job = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return ErrorAnswers.problem(404, "No import job " + id);
        }
        Optional<String> owner = jobs.owner(job);
        if (owner.isEmpty() || !(caller.hasRole("admin") || owner.get().equals(caller.user()))) {
            return ErrorAnswers.problem(404, "No import job " + id);
        }
        return ResponseEntity.ok(jobs.describe(job).orElseThrow());
    }

    private static ResponseEntity<?> loginRequired() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", CallerFilter.CHALLENGE)
                .contentType(MediaType.APPLICATION_JSON).body(ErrorAnswers.problem(401, "A login is required").getBody());
    }

    private static String format(String parameter, String fromName, String mediaType) {
        String chosen = parameter != null ? FORMATS.get(parameter.toLowerCase(Locale.ROOT))
                : fromName != null ? FORMATS.get(fromName) : MEDIA_TYPES.get(mediaType);
        if (chosen == null) {
            throw OwsException.invalidParameter("format", "The file's format is unknown: give format=csv, geojson or gpkg");
        }
        return chosen;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw OwsException.invalidParameter(name, name + " is required");
        }
        return value;
    }

    private static UUID uuid(String value, String name) {
        try {
            return UUID.fromString(required(value, name));
        } catch (IllegalArgumentException e) {
            throw OwsException.invalidParameter(name, name + " must be a UUID");
        }
    }
}
