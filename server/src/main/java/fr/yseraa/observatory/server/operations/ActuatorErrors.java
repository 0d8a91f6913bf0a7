package fr.yseraa.observatory.server.operations;

import fr.yseraa.observatory.server.ErrorAnswers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The actuator answers some failures with a bare status and no body (404 for a health group that does not exist):
 * those get the report of their status in the documented format ({@link ErrorAnswers}), as every other path's. The
 * actuator's answers are small, so they are held until the end of the request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 21)
public class ActuatorErrors extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath();
        return !path.equals("/actuator") && !path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, held);
        if (held.getStatus() >= 400 && held.getContentSize() == 0 && !response.isCommitted()) {
            ErrorAnswers.write(response, request.getServletPath(), ErrorAnswers.forStatus(held.getStatus()));
            return;
        }
        held.copyBodyToResponse();
    }
}
