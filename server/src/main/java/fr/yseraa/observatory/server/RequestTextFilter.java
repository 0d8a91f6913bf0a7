package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.xml.XmlChars;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
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
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
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

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
