package fr.yseraa.observatory.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Multipart bodies are taken by {@code /rest/imports} only: anywhere else a multipart request is refused with 415
 * {@code UnsupportedMediaType} in the path's format ({@link ErrorAnswers}) before anything reads a parameter. The
 * container parses a multipart body (spooling its files to disk) as soon as any parameter is asked for — the API
 * key's, before the caller is known — and the body is then gone for the OGC endpoints, which take XML or
 * form-encoded KVP. After the CORS answer (a page may read the refusal) and the text door, before the caller.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 6)
public class MultipartPathFilter extends OncePerRequestFilter {

    static final String IMPORTS = "/rest/imports";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/") && !request.getServletPath().equals(IMPORTS)) {
            ErrorAnswers.write(response, request.getServletPath(), ErrorAnswers.forStatus(415));
            return;
        }
        chain.doFilter(request, response);
    }
}
