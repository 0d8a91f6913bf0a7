package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.ogcapi.ApiRequest;
import fr.yseraa.observatory.ogcapi.OgcApiFeatures;
import fr.yseraa.observatory.server.security.CallerFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The HTTP face of OGC API - Features ({@link OgcApiFeatures}, module ows-ogcapi) at {@code /ogcapi}: the caller
 * from the security filters, the API's root URL as the client reached it, the query parameters in their order;
 * refusals as the JSON problem body of {@link ErrorAnswers}, with the parameter at fault as locator.
 */
@RestController
public class OgcApiController {

    private final OgcApiFeatures api;

    public OgcApiController(OgcApiFeatures api) {
        this.api = api;
    }

    @GetMapping({"/ogcapi", "/ogcapi/"})
    public void landing(HttpServletRequest request, HttpServletResponse response) throws IOException {
        api.landing(apiRequest(request), new ServletOwsResponse(response));
    }

    @GetMapping("/ogcapi/conformance")
    public void conformance(HttpServletRequest request, HttpServletResponse response) throws IOException {
        api.conformance(apiRequest(request), new ServletOwsResponse(response));
    }

    @GetMapping("/ogcapi/api")
    public void openApi(HttpServletRequest request, HttpServletResponse response) throws IOException {
        api.api(apiRequest(request), new ServletOwsResponse(response));
    }

    @GetMapping("/ogcapi/collections")
    public void collections(HttpServletRequest request, HttpServletResponse response) throws IOException {
        api.collections(apiRequest(request), new ServletOwsResponse(response));
    }

    @GetMapping("/ogcapi/collections/{collectionId}")
    public void collection(@PathVariable String collectionId, HttpServletRequest request,
                           HttpServletResponse response) throws IOException {
        api.collection(apiRequest(request), collectionId, new ServletOwsResponse(response));
    }

    @GetMapping("/ogcapi/collections/{collectionId}/queryables")
    public void queryables(@PathVariable String collectionId, HttpServletRequest request,
                           HttpServletResponse response) throws IOException {
        api.queryables(apiRequest(request), collectionId, new ServletOwsResponse(response));
    }

    @GetMapping("/ogcapi/collections/{collectionId}/items")
    public void items(@PathVariable String collectionId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        api.items(apiRequest(request), collectionId, new ServletOwsResponse(response));
    }

    @GetMapping("/ogcapi/collections/{collectionId}/items/{featureId}")
    public void item(@PathVariable String collectionId, @PathVariable String featureId, HttpServletRequest request,
                     HttpServletResponse response) throws IOException {
        api.item(apiRequest(request), collectionId, featureId, new ServletOwsResponse(response));
    }

    /** A refusal as a JSON problem body with the exception's status and locator. */
    @ExceptionHandler(OwsException.class)
    public ResponseEntity<Map<String, String>> refused(OwsException e) {
        return ErrorAnswers.problem(e);
    }

    /** The request as the API reads it: caller, the API's root URL as the client reached it, query parameters. */
    public static ApiRequest apiRequest(HttpServletRequest request) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        String base = ServletUriComponentsBuilder.fromContextPath(request).path("/ogcapi").build().toUriString();
        return new ApiRequest(CallerFilter.callerOf(request), base, parameters, request.getHeader("Accept"));
    }
}
