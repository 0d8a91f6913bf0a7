package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.ows.ExceptionReporter;
import fr.yseraa.observatory.core.ows.ExceptionReports;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsDispatcher;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.core.ows.WorkspaceCatalog;
import fr.yseraa.observatory.server.operations.ClientWatch;
import fr.yseraa.observatory.server.security.CallerFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OGC endpoints: {@code /ows} routes on SERVICE; {@code /wms}, {@code /wfs}, {@code /wmts}, {@code /wps} and
 * {@code /csw} imply it. A workspace's virtual services, {@code /{workspace}/wfs} and {@code /{workspace}/wms} (or
 * {@code /{workspace}/ows}), answer the same operations with that workspace's layers only; an unknown workspace is
 * NotFound (404). KVP by GET (or form POST), XML by POST. Whatever a client gets wrong answers an OWS exception report;
 * server faults are logged with a request id that the report quotes, and never show a stack trace. Once the request
 * is read, its client's connection is watched: when the client leaves, the work stops ({@link ClientWatch}).
 */
@RestController
public class OwsController {

    static final int MAX_XML_BODY = 16 * 1024 * 1024;

    private final OwsDispatcher dispatcher;
    private final ClientWatch clientWatch;
    private final CatalogService catalog;

    public OwsController(OwsDispatcher dispatcher, ClientWatch clientWatch, CatalogService catalog) {
        this.dispatcher = dispatcher;
        this.clientWatch = clientWatch;
        this.catalog = catalog;
    }

    @GetMapping({"/ows", "/wms", "/wfs", "/wmts", "/wps", "/csw"})
    public void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response, null, false);
    }

    @PostMapping({"/ows", "/wms", "/wfs", "/wmts", "/wps", "/csw"})
    public void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response, null, isXml(request));
    }

    @GetMapping({"/{workspace}/ows", "/{workspace}/wfs", "/{workspace}/wms"})
    public void getVirtual(@PathVariable String workspace, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        handle(request, response, workspace, false);
    }

    @PostMapping({"/{workspace}/ows", "/{workspace}/wfs", "/{workspace}/wms"})
    public void postVirtual(@PathVariable String workspace, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        handle(request, response, workspace, isXml(request));
    }

    private static boolean isXml(HttpServletRequest request) {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        return !type.startsWith("application/x-www-form-urlencoded");
    }

    /** @param workspace the workspace of a virtual endpoint, or null at the server's own endpoints */
    private void handle(HttpServletRequest request, HttpServletResponse response, String workspace, boolean xml)
            throws IOException {
        String endpoint = endpointService(request);
        Caller caller = CallerFilter.callerOf(request);
        String url = request.getRequestURL().toString();
        OwsResponse out = new ServletOwsResponse(response);
        answer(request, response, dispatcher.exceptionReporter(endpoint), () -> {
            WorkspaceCatalog.of(catalog.catalog(), workspace); // an unknown workspace: NotFound, whatever the service
            if (xml) {
                byte[] body = body(request);
                try (ClientWatch.Watching watching = clientWatch.start(request, response)) {
                    dispatcher.dispatchXml(endpoint, workspace, body, caller, url, out);
                }
            } else {
                KvpParameters kvp = new KvpParameters(request.getParameterMap());
                try (ClientWatch.Watching watching = clientWatch.start(request, response)) {
                    dispatcher.dispatchKvp(endpoint, workspace, kvp, caller, url, headers(request), out);
                }
            }
        });
    }

    /**
     * Runs the work; an {@link OwsException} answers the reporter's exception report, any other failure is logged
     * with a request id and answers NoApplicableCode quoting it, never a stack trace ({@link ExceptionReports}). The
     * report replaces whatever the work set on the response, unless the response is already committed.
     */
    public static void answer(HttpServletRequest request, HttpServletResponse response, ExceptionReporter reporter,
                              ExceptionReports.Work work) throws IOException {
        ExceptionReporter replacing = (e, out) -> {
            response.reset();
            reporter.report(e, out);
        };
        ExceptionReports.answer(replacing, new ServletOwsResponse(response),
                () -> request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString(), work);
    }

    /** The request's headers, first value of each (conditional GETs of tiles need them). */
    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.putIfAbsent(name, request.getHeader(name));
        }
        return headers;
    }

    private static String endpointService(HttpServletRequest request) {
        String path = request.getServletPath();
        String name = path.substring(path.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT);
        return "OWS".equals(name) ? null : name;
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_XML_BODY) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_XML_BODY + 1);
        } catch (IOException e) { // a body cut short, or a broken chunked encoding: the client's
            throw new OwsException(OwsExceptionCode.INVALID_PARAMETER_VALUE, null, "The request body cannot be read");
        }
        if (body.length > MAX_XML_BODY) {
            throw tooLarge();
        }
        if (body.length == 0) {
            throw new OwsException(OwsExceptionCode.MISSING_PARAMETER_VALUE, "request",
                    "A POST request needs an XML body, or form-encoded KVP parameters");
        }
        return body;
    }

    private static OwsException tooLarge() {
        return new OwsException(OwsExceptionCode.INVALID_PARAMETER_VALUE, null,
                "The request body is larger than " + MAX_XML_BODY / (1024 * 1024) + " MiB");
    }
}
