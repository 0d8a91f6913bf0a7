package fr.yseraa.observatory.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS on the main port, as {@link CorsPolicy} says: preflights answered 204 here, before the caller is resolved
 * (a browser sends them without credentials); every other answer carries the policy's headers, exception reports
 * included ({@link LastingHeaders}).
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
        chain.doFilter(request, new LastingHeaders(response, policy.answerHeaders(path, origin, credentialed)));
    }
}
