package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.xml.XmlChars;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door of the main port: a request whose path, parameters or headers hold a character XML 1.0 forbids (NUL and
 * the other control characters, U+FFFE, U+FFFF, a lone surrogate) is refused with 400 InvalidParameterValue naming
 * where it was, before authentication or any service reads it. Such text could only end in a report that is not
 * well-formed, or in a database error. (XML bodies are checked by their parser, which refuses these characters.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class RequestTextFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String where = forbiddenText(request);
        if (where != null) {
            ErrorAnswers.write(response, request.getServletPath(), ErrorAnswers.forbiddenCharacter(where));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Where the request holds a character XML forbids: "path", "parameter NAME" or "header NAME"; null if nowhere. */
    static String forbiddenText(HttpServletRequest request) {
        if (XmlChars.firstForbidden(request.getServletPath() + nullToEmpty(request.getPathInfo())) >= 0) {
            return "path";
        }
        for (Map.Entry<String, String[]> p : parameters(request).entrySet()) {
            if (XmlChars.firstForbidden(p.getKey()) >= 0) {
                return "parameter name";
            }
            for (String value : p.getValue()) {
                if (XmlChars.firstForbidden(value) >= 0) {
                    return "parameter " + p.getKey();
                }
            }
        }
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                if (XmlChars.firstForbidden(value) >= 0) {
                    return "header " + name;
                }
            }
        }
        return null;
    }

    /**
     * The request's parameters; of a multipart request only those of its query string, so that the door never reads
     * a multipart body (a file for {@code /rest/imports}, read by its controller after the caller is known, and
     * nothing any other path reads).
     */
    private static Map<String, String[]> parameters(HttpServletRequest request) {
        String type = nullToEmpty(request.getContentType()).toLowerCase(Locale.ROOT);
        if (!type.startsWith("multipart/")) {
            return request.getParameterMap();
        }
        Map<String, String[]> query = new LinkedHashMap<>();
        for (String pair : nullToEmpty(request.getQueryString()).split("&")) {
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.merge(name, new String[] {value}, (a, b) -> {
                    String[] all = Arrays.copyOf(a, a.length + 1);
                    all[a.length] = b[0];
                    return all;
                });
            } catch (IllegalArgumentException e) {
                // a broken percent-encoding: skipped, as the container skips it when it reads the parameters
            }
        }
        return query;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
