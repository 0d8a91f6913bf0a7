package fr.yseraa.observatory.server.processes;

import static fr.yseraa.observatory.server.OgcApiController.apiRequest;

import fr.yseraa.observatory.core.ows.ClientGoneException;
import fr.yseraa.observatory.core.ows.ExceptionReports;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.ogcapi.processes.OgcApiProcesses;
import fr.yseraa.observatory.ogcapi.processes.ProcessProblems;
import fr.yseraa.observatory.server.ErrorAnswers;
import fr.yseraa.observatory.server.ServletOwsResponse;
import fr.yseraa.observatory.server.operations.ClientWatch;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP face of OGC API - Processes ({@link OgcApiProcesses}, module ows-ogcapi) under {@code /ogcapi}: the caller
 * from the security filters, the API's root URL as the client reached it; refusals as RFC 7807 problems
 * ({@link ProcessProblems}) with {@code Retry-After} when the server is busy. A synchronous execution's client is
 * watched once its request is read: when it leaves, the execution stops ({@link ClientWatch}).
 */
@RestController
public class OgcApiProcessesController {

    /** The largest execute request read (inline geometries included). */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(OgcApiProcessesController.class);

    private final OgcApiProcesses api;
    private final ClientWatch clientWatch;

    public OgcApiProcessesController(OgcApiProcesses api, ClientWatch clientWatch) {
        this.api = api;
        this.clientWatch = clientWatch;
    }

    @GetMapping("/ogcapi/processes")
    public void processes(HttpServletRequest request, HttpServletResponse response) throws IOException {
        api.processes(apiRequest(request), new ServletOwsResponse(response));
    }

    @GetMapping("/ogcapi/processes/{processId}")
    public void process(@PathVariable String processId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        api.process(apiRequest(request), processId, new ServletOwsResponse(response));
    }

    @PostMapping("/ogcapi/processes/{processId}/execution")
    public void execute(@PathVariable String processId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        byte[] body = body(request); // before the parameters are read
        try (ClientWatch.Watching watching = clientWatch.start(request, response)) { // a synchronous one stops if it goes
            api.execute(apiRequest(request), processId, body, request.getHeader("Prefer"), new ServletOwsResponse(response));
        }
    }

    @GetMapping("/ogcapi/jobs")
    public void jobs(HttpServletRequest request, HttpServletResponse response) throws IOException {
        api.jobs(apiRequest(request), new ServletOwsResponse(response));
    }

    @GetMapping("/ogcapi/jobs/{jobId}")
    public void job(@PathVariable String jobId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        api.job(apiRequest(request), jobId, new ServletOwsResponse(response));
    }

    @GetMapping("/ogcapi/jobs/{jobId}/results")
    public void results(@PathVariable String jobId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        api.results(apiRequest(request), jobId, new ServletOwsResponse(response));
    }

    @DeleteMapping("/ogcapi/jobs/{jobId}")
    public void dismiss(@PathVariable String jobId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        api.dismiss(apiRequest(request), jobId, new ServletOwsResponse(response));
    }

    /** A refusal as an RFC 7807 problem with the exception's status, and Retry-After when it gives one. */
    @ExceptionHandler(OwsException.class)
    public ResponseEntity<Map<String, Object>> refused(OwsException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.httpStatus())
                .contentType(MediaType.parseMediaType(ProcessProblems.CONTENT_TYPE));
        if (e.retryAfterSeconds() > 0) {
            answer.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        return answer.body(ProcessProblems.of(e));
    }

    /** A synchronous execution stopped because its client left: nobody reads an answer; the access log says 499. */
    @ExceptionHandler(ClientGoneException.class)
    public void clientGone(HttpServletRequest request, HttpServletResponse response) {
        LOG.info("client gone, execution stopped: {}", request.getRequestURI());
        if (!response.isCommitted()) {
            response.setStatus(ExceptionReports.CLIENT_CLOSED_REQUEST);
        }
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new OwsException(new ErrorAnswers.Code("RequestTooLarge", 413),
                        "body", "The execute request is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MB");
            }
            return body;
        }
    }
}
