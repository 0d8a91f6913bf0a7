package fr.yseraa.observatory.server.operations;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.server.ErrorAnswers;
import fr.yseraa.observatory.server.security.CallerFilter;
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
 * The actuator's endpoints other than health and info (the metrics, {@code /actuator/prometheus}) are for
 * administrators: 401 with a challenge for the public, 403 for other users, in the JSON problem format. A scraper
 * logs in as an admin account, best with an API key ({@code X-API-Key}, or the {@code key} parameter).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ActuatorGuard extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath();
        return !path.startsWith("/actuator/") || path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.equals("/actuator/info");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = CallerFilter.callerOf(request);
        if (caller.isAnonymous()) {
            response.setHeader("WWW-Authenticate", CallerFilter.CHALLENGE);
            ErrorAnswers.write(response, "/rest", ErrorAnswers.forStatus(401));
            return;
        }
        if (!caller.hasRole("admin")) {
            ErrorAnswers.write(response, "/rest", ErrorAnswers.forStatus(403));
            return;
        }
        chain.doFilter(request, response);
    }
}
