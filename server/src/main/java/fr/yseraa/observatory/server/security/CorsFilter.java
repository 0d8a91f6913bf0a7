package fr.yseraa.observatory.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS on the main port, as {@link CorsPolicy} says: preflights answered 204 here, before the caller is resolved
 * (a browser sends them without credentials); every other answer carries the policy's headers, exception reports
 * included (they survive {@code response.reset()}), and a {@code Vary} set later by an endpoint adds to
 * {@code Vary: Origin} rather than replacing it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class CorsFilter extends OncePerRequestFilter {

    /** What the main port's endpoints answer (the admin API also PUT and DELETE). */
    static final String METHODS = "GET, HEAD, POST, PUT, DELETE";

    private final CorsPolicy policy;

    public CorsFilter(CorsPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // decoded and normalised, path parameters removed: the path the endpoints are matched on
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String origin = request.getHeader("Origin");
        if (CorsPolicy.isPreflight(request.getMethod(), origin, request.getHeader("Access-Control-Request-Method"))) {
            policy.preflightHeaders(path, origin, METHODS).forEach(response::setHeader);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        boolean credentialed = request.getHeader("Authorization") != null
                || CallerFilter.apiKey(request.getHeader("X-API-Key"), name -> CallerFilter.parameter(request, name)) != null;
        Map<String, String> headers = policy.answerHeaders(path, origin, credentialed);
        CorsResponse cors = new CorsResponse(response, headers);
        cors.apply();
        chain.doFilter(request, cors);
    }

    /** The response with the CORS headers set again after a reset, and Vary merged rather than replaced. */
    private static final class CorsResponse extends HttpServletResponseWrapper {

        private final Map<String, String> headers;

        CorsResponse(HttpServletResponse response, Map<String, String> headers) {
            super(response);
            this.headers = headers;
        }

        void apply() {
            headers.forEach(this::setHeader);
        }

        @Override
        public void setHeader(String name, String value) {
            if ("Vary".equalsIgnoreCase(name)) {
                super.setHeader(name, CorsPolicy.mergeVary(getHeader(name), value));
            } else {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if ("Vary".equalsIgnoreCase(name)) {
                setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }

        @Override
        public void reset() {
            super.reset();
            apply();
        }
    }
}
