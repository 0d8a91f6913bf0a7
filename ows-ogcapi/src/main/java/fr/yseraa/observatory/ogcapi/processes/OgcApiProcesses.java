package fr.yseraa.observatory.ogcapi.processes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.ows.ClientDeparture;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.ogcapi.ApiRequest;
import fr.yseraa.observatory.ogcapi.Format;
import fr.yseraa.observatory.ogcapi.Links;
import fr.yseraa.observatory.wps.ChosenOutput;
import fr.yseraa.observatory.wps.ExecutionLimits;
import fr.yseraa.observatory.wps.ProcessRegistry;
import fr.yseraa.observatory.wps.ProcessRunner;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import fr.yseraa.observatory.wps.process.ProcessInputs;
import fr.yseraa.observatory.wps.process.ProcessResult;
import fr.yseraa.observatory.wps.process.ProgressListener;
import fr.yseraa.observatory.wps.process.WpsProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * OGC API - Processes part 1 (core, OGC process description, JSON, job list, dismiss) over the WPS's processes: the
 * same registry (a process the caller may not run does not exist), descriptions, input checks, runner (the data as
 * the caller sees it, the layers the process declares), limits (a synchronous execution takes a place among the
 * WPS's, else ServerBusy; the time limits) and problems. Asynchronous executions ({@code Prefer: respond-async})
 * become jobs of the shared {@link JobStore}; a caller sees its own jobs only (the public's jobs are read by their
 * unguessable id and listed to nobody).
 */
public final class OgcApiProcesses {

    /** The conformance classes of OGC API - Processes this API declares. */
    public static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/ogc-process-description",
            "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/json",
            "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/job-list",
            "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/dismiss");

    static final String PROCESSES_REL = "http://www.opengis.net/def/rel/ogc/1.0/processes";
    static final String JOBS_REL = "http://www.opengis.net/def/rel/ogc/1.0/job-list";
    static final String RESULTS_REL = "http://www.opengis.net/def/rel/ogc/1.0/results";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FORMAT_ONLY = Set.of("f");
    private static final int LISTED_JOBS = 1000;

    private final ProcessRegistry registry;
    private final ProcessRunner runner;
    private final ExecutionLimits limits;
    private final ProcessJobs jobs;
    private final JobStore store;

    public OgcApiProcesses(ProcessRegistry registry, ProcessRunner runner, ExecutionLimits limits, ProcessJobs jobs,
                           JobStore store) {
        this.registry = registry;
        this.runner = runner;
        this.limits = limits;
        this.jobs = jobs;
        this.store = store;
    }

    /** {@code /processes}: the processes the caller may run. */
    public void processes(ApiRequest r, OwsResponse out) throws IOException {
        jsonOnly(r);
        Links links = new Links(r.baseUrl());
        List<Map<String, Object>> list = new ArrayList<>();
        for (ProcessDescription d : registry.descriptions(r.caller())) {
            list.add(ProcessDocuments.summary(d, links));
        }
        json(out, 200, list("processes", list, links, "Processus"));
    }

    /** {@code /processes/{id}}: its description. */
    public void process(ApiRequest r, String id, OwsResponse out) throws IOException {
        jsonOnly(r);
        json(out, 200, ProcessDocuments.description(process(id, r.caller()).description(), new Links(r.baseUrl())));
    }

    /**
     * {@code POST /processes/{id}/execution}: runs the process while the client waits (200, the results) or, with
     * {@code Prefer: respond-async}, as a job (201, its status, {@code Location} of the job).
     */
    public void execute(ApiRequest r, String id, byte[] body, String prefer, OwsResponse out) throws IOException {
        r.onlyParameters(Set.of(), Set.of());
        WpsProcess process = process(id, r.caller());
        runner.checkLayers(process, r.caller());
        ProcessDescription description = process.description();
        ExecutionRequest request = ExecutionRequest.read(body, description);
        ProcessInputs inputs = ProcessInputs.bind(description, request.inputs());
        Links links = new Links(r.baseUrl());
        if (respondAsync(prefer)) {
            UUID job = jobs.submit(process, inputs, request.outputs(), r.caller());
            out.setHeader("Location", links.url(jobPath(job)));
            out.setHeader("Preference-Applied", "respond-async");
            json(out, 201, status(store.find(job).orElseThrow(), links));
            return;
        }
        ProcessResult result;
        try (ExecutionLimits.Place place = limits.enter(r.caller())) {
            result = runner.run(process, inputs, r.caller(), ProgressListener.NONE,
                    limits.synchronous(ClientDeparture.current()));
        }
        Map<String, JobOutput> outputs = new LinkedHashMap<>();
        for (ChosenOutput o : request.outputs()) {
            outputs.put(o.description().identifier(), new JobOutput(o.mediaType(), o.text(result)));
        }
        if (request.raw()) {
            raw(out, outputs.values().iterator().next());
        } else {
            json(out, 200, results(description, outputs));
        }
    }

    /**
     * {@code /jobs}: the caller's jobs, newest first (none for the public), those of the processes {@code processID}
     * names and in the states {@code status} names when given (either repeated or comma-separated), at most
     * {@code limit}.
     */
    public void jobs(ApiRequest r, OwsResponse out) throws IOException {
        onlyJson(r, Set.of("f", "processID", "status", "type", "limit"));
        Set<String> processes = values(r, "processID");
        Set<String> states = values(r, "status");
        for (String state : states) {
            if (java.util.Arrays.stream(JobState.values()).noneMatch(s -> s.code().equals(state))) {
                throw OwsException.invalidParameter("status", "status is one of accepted, running, successful,"
                        + " failed, dismissed; not " + state);
            }
        }
        Set<String> types = values(r, "type");
        int limit = limit(r);
        Links links = new Links(r.baseUrl());
        List<Map<String, Object>> list = new ArrayList<>();
        if (!r.caller().isAnonymous() && (types.isEmpty() || types.contains("process"))) {
            for (JobInfo job : store.list(r.caller().user(), LISTED_JOBS)) {
                if ((processes.isEmpty() || processes.contains(job.processId()))
                        && (states.isEmpty() || states.contains(job.state().code())) && list.size() < limit) {
                    list.add(status(job, links));
                }
            }
        }
        json(out, 200, list("jobs", list, links, "Travaux"));
    }

    /** The values of a parameter given repeated or comma-separated. */
    private static Set<String> values(ApiRequest r, String name) {
        Set<String> values = new java.util.LinkedHashSet<>();
        for (String v : r.parameters().getOrDefault(name, List.of())) {
            for (String item : v.split(",")) {
                if (!item.isBlank()) {
                    values.add(item.strip());
                }
            }
        }
        return values;
    }

    private static int limit(ApiRequest r) {
        String value = r.single("limit");
        if (value == null) {
            return LISTED_JOBS;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= LISTED_JOBS) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw OwsException.invalidParameter("limit", "limit is an integer from 1 to " + LISTED_JOBS + ", not " + value);
    }

    /** A list resource ({@code /processes}, {@code /jobs}): its items under its name, and its self link. */
    private static Map<String, Object> list(String name, List<Map<String, Object>> items, Links links, String title) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(name, items);
        doc.put("links", List.of(Links.link(links.url("/" + name), "self", Links.JSON, title)));
        return doc;
    }

    /** {@code /jobs/{id}}: its status. */
    public void job(ApiRequest r, String jobId, OwsResponse out) throws IOException {
        jsonOnly(r);
        json(out, 200, status(job(jobId, r.caller()), new Links(r.baseUrl())));
    }

    /**
     * {@code /jobs/{id}/results}: the results document of a successful job; the job's own problem when it failed;
     * result-not-ready while it is accepted or running; no-such-job once dismissed (its results are gone).
     */
    public void results(ApiRequest r, String jobId, OwsResponse out) throws IOException {
        jsonOnly(r);
        JobInfo job = job(jobId, r.caller());
        switch (job.state()) {
            case ACCEPTED, RUNNING -> throw new OwsException(ProcessProblems.RESULT_NOT_READY, null,
                    "Job " + job.id() + " is " + job.state().code() + "; its results are not ready");
            case DISMISSED -> throw new OwsException(ProcessProblems.NO_SUCH_JOB, null,
                    "Job " + job.id() + " was dismissed; its results are gone");
            case FAILED -> {
                out.setContentType(ProcessProblems.CONTENT_TYPE);
                write(out, job.failure().status(), ProcessProblems.of(job.failure()));
            }
            case SUCCESSFUL -> {
                ProcessDescription d = registry.find(job.processId(), r.caller()).map(WpsProcess::description)
                        .orElseThrow(() -> new OwsException(ProcessProblems.NO_SUCH_PROCESS, null,
                                "Process " + job.processId() + " is no longer offered"));
                json(out, 200, results(d, store.results(job.id())));
            }
            default -> throw new IllegalStateException(job.state().name());
        }
    }

    /** {@code DELETE /jobs/{id}}: dismisses the job (a running one stops), answers its status. */
    public void dismiss(ApiRequest r, String jobId, OwsResponse out) throws IOException {
        jsonOnly(r);
        JobInfo job = job(jobId, r.caller());
        if (job.state() == JobState.DISMISSED) {
            throw new OwsException(ProcessProblems.NO_SUCH_JOB, null, "Job " + job.id() + " was dismissed already");
        }
        store.dismiss(job.id());
        json(out, 200, status(store.find(job.id()).orElseThrow(), new Links(r.baseUrl())));
    }

    private WpsProcess process(String id, Caller caller) {
        return registry.find(id, caller).orElseThrow(() -> new OwsException(ProcessProblems.NO_SUCH_PROCESS,
                "processId", "No process " + id));
    }

    /** The caller's job, or no-such-job (another caller's job does not exist for it). */
    private JobInfo job(String jobId, Caller caller) {
        Optional<JobInfo> job;
        try {
            job = store.find(UUID.fromString(jobId));
        } catch (IllegalArgumentException e) {
            job = Optional.empty();
        }
        return job.filter(j -> Objects.equals(j.owner(), caller.user())).orElseThrow(() -> new OwsException(
                ProcessProblems.NO_SUCH_JOB, "jobId", "No job " + jobId));
    }

    private static boolean respondAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String p : prefer.split(",")) {
            if (p.strip().toLowerCase(java.util.Locale.ROOT).startsWith("respond-async")) {
                return true;
            }
        }
        return false;
    }

    static String jobPath(UUID id) {
        return "/jobs/" + id;
    }

    /** The status document ({@code statusInfo}) of a job. */
    static Map<String, Object> status(JobInfo job, Links links) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("processID", job.processId());
        doc.put("type", "process");
        doc.put("jobID", job.id().toString());
        doc.put("status", job.state().code());
        if (job.message() != null) {
            doc.put("message", job.message());
        }
        doc.put("created", time(job.created()));
        if (job.started() != null) {
            doc.put("started", time(job.started()));
        }
        if (job.finished() != null) {
            doc.put("finished", time(job.finished()));
        }
        doc.put("updated", time(job.updated()));
        if (job.progress() != null) {
            doc.put("progress", job.progress());
        }
        String url = links.url(jobPath(job.id()));
        List<Map<String, Object>> l = new ArrayList<>();
        l.add(Links.link(url, "self", Links.JSON, "Statut"));
        if (job.state() == JobState.SUCCESSFUL || job.state() == JobState.FAILED) {
            l.add(Links.link(url + "/results", RESULTS_REL, Links.JSON, "Résultats"));
        }
        doc.put("links", l);
        return doc;
    }

    private static String time(java.time.Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /**
     * The results document: a literal as the JSON value of its type, a JSON document as itself, any other document
     * as its text, each complex output with its media type.
     */
    static Map<String, Object> results(ProcessDescription d, Map<String, JobOutput> outputs) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (Map.Entry<String, JobOutput> e : outputs.entrySet()) {
            OutputDescription description = d.output(e.getKey()).orElseThrow();
            JobOutput o = e.getValue();
            if (description instanceof OutputDescription.Literal l) {
                doc.put(e.getKey(), ProcessDocuments.value(l.type(), o.text()));
                continue;
            }
            Map<String, Object> qualified = new LinkedHashMap<>();
            JsonNode value = ProcessDocuments.isJson(o.mediaType()) ? JSON.readTree(o.text()) : null;
            qualified.put("value", value != null ? value : o.text());
            qualified.put("mediaType", o.mediaType());
            doc.put(e.getKey(), qualified);
        }
        return doc;
    }

    private static void raw(OwsResponse out, JobOutput output) throws IOException {
        out.setContentType(output.mediaType() + "; charset=UTF-8");
        try (OutputStream body = out.body()) {
            body.write(output.text().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Processes and jobs answer JSON: {@code f=json} or nothing; no other parameter. */
    private static void jsonOnly(ApiRequest r) {
        onlyJson(r, FORMAT_ONLY);
    }

    private static void onlyJson(ApiRequest r, Set<String> parameters) {
        r.onlyParameters(parameters, Set.of());
        if (r.single("f") != null && r.format() != Format.JSON) {
            throw OwsException.invalidParameter("f", "Processes and jobs are given in JSON only (f=json)");
        }
    }

    private static void json(OwsResponse out, int status, Object doc) throws IOException {
        out.setContentType(Links.JSON);
        write(out, status, doc);
    }

    private static void write(OwsResponse out, int status, Object doc) throws IOException {
        out.setStatus(status);
        try (OutputStream body = out.body()) {
            JSON.writeValue(body, doc);
        }
    }
}
