package fr.yseraa.observatory.ogcapi.processes;

import fr.yseraa.observatory.ogcapi.ApiLinks;
import fr.yseraa.observatory.ogcapi.Links;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What OGC API - Processes adds to the API: the landing page's links to the processes and the jobs, its conformance
 * classes, and its paths in the OpenAPI definition.
 */
public final class ProcessesApiLinks implements ApiLinks {

    @Override
    public List<Map<String, Object>> landing(String apiBase) {
        return List.of(Links.link(apiBase + "/processes", OgcApiProcesses.PROCESSES_REL, Links.JSON, "Processus"),
                Links.link(apiBase + "/jobs", OgcApiProcesses.JOBS_REL, Links.JSON, "Travaux"));
    }

    @Override
    public List<String> conformance() {
        return OgcApiProcesses.CONFORMANCE;
    }

    @Override
    public Map<String, Object> openApiPaths() {
        Map<String, Object> processId = pathParameter("processId", "Identifiant du processus");
        Map<String, Object> jobId = pathParameter("jobId", "Identifiant du travail");
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("/processes", Map.of("get", operation("Les processus", "getProcesses", List.of(),
                Map.of("200", answer("Liste des processus")))));
        paths.put("/processes/{processId}", Map.of("get", operation("Description d'un processus", "getProcessDescription",
                List.of(processId), Map.of("200", answer("Description du processus"), "404", problem()))));
        Map<String, Object> execute = operation("Exécute un processus (Prefer: respond-async pour un travail)",
                "execute", List.of(processId, headerParameter("Prefer")), responses(
                        "200", answer("Résultats"), "201", answer("Statut du travail créé"), "400", problem(),
                        "404", problem(), "503", problem()));
        execute.put("requestBody", Map.of("required", false, "content", Map.of(Links.JSON,
                Map.of("schema", Map.of("type", "object")))));
        paths.put("/processes/{processId}/execution", Map.of("post", execute));
        paths.put("/jobs", Map.of("get", operation("Les travaux de l'appelant", "getJobs", List.of(),
                Map.of("200", answer("Liste des travaux")))));
        paths.put("/jobs/{jobId}", Map.of(
                "get", operation("Statut d'un travail", "getStatus", List.of(jobId),
                        Map.of("200", answer("Statut"), "404", problem())),
                "delete", operation("Abandonne un travail", "dismiss", List.of(jobId),
                        Map.of("200", answer("Statut"), "404", problem()))));
        paths.put("/jobs/{jobId}/results", Map.of("get", operation("Résultats d'un travail", "getResult",
                List.of(jobId), Map.of("200", answer("Résultats"), "404", problem()))));
        return paths;
    }

    private static Map<String, Object> operation(String summary, String id, List<Map<String, Object>> parameters,
                                                 Map<String, Object> responses) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", summary);
        op.put("operationId", id);
        op.put("tags", List.of("processes"));
        op.put("parameters", parameters);
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> responses(Object... statusAndAnswer) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (int i = 0; i < statusAndAnswer.length; i += 2) {
            r.put((String) statusAndAnswer[i], statusAndAnswer[i + 1]);
        }
        return r;
    }

    private static Map<String, Object> answer(String description) {
        return Map.of("description", description, "content", Map.of(Links.JSON,
                Map.of("schema", Map.of("type", "object"))));
    }

    private static Map<String, Object> problem() {
        return Map.of("description", "Problème (RFC 7807)", "content", Map.of(ProcessProblems.CONTENT_TYPE,
                Map.of("schema", Map.of("type", "object"))));
    }

    private static Map<String, Object> pathParameter(String name, String description) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", "path");
        p.put("description", description);
        p.put("required", true);
        p.put("schema", Map.of("type", "string"));
        return p;
    }

    private static Map<String, Object> headerParameter(String name) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", "header");
        p.put("required", false);
        p.put("schema", Map.of("type", "string"));
        return p;
    }
}
