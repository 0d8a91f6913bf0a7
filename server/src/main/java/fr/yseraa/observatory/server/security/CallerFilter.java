package fr.yseraa.observatory.server.security;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.server.ErrorAnswers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.UnaryOperator;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the caller of every request (Basic credentials, an API key in the {@code key} or {@code authkey}
 * parameter or the {@code X-API-Key} header, or the public) before any endpoint runs. Invalid credentials answer
 * 401 with a Basic challenge (429 while the address must wait), never the data of a weaker caller, in the format of
 * the path ({@link ErrorAnswers}: OWS ExceptionReport on the OGC paths, JSON problem under /rest, /api and /ogcapi);
 * a script's request ({@code X-Requested-With: XMLHttpRequest}) gets the 401 without the challenge.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class CallerFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = CallerFilter.class.getName() + ".caller";
    public static final String CHALLENGE = "Basic realm=\"Observatory OWS\", charset=\"UTF-8\"";

    private final Authenticator authenticator;

    public CallerFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The caller the filter found for this request. */
    public static Caller callerOf(HttpServletRequest request) {
        Object caller = request.getAttribute(ATTRIBUTE);
        return caller instanceof Caller c ? c : Caller.anonymous();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = apiKey(request.getHeader("X-API-Key"), name -> parameter(request, name));
        try {
            request.setAttribute(ATTRIBUTE, authenticator.authenticate(request.getHeader("Authorization"), key,
                    request.getRemoteAddr()));
        } catch (AuthenticationException e) {
            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                // a script's request (the portal's login) gets no challenge, which would open the browser's dialog
                response.setHeader("WWW-Authenticate", CHALLENGE);
            }
            ErrorAnswers.write(response, request.getServletPath(), e.report());
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The API key of a request: the {@code X-API-Key} header, else the {@code key} or {@code authkey} parameter.
     *
     * @param parameter a query parameter by name, whatever the case of its name; null when absent
     */
    public static String apiKey(String header, UnaryOperator<String> parameter) {
        return firstNonBlank(header, parameter.apply("key"), parameter.apply("authkey"));
    }

    /** A query parameter whatever the case of its name, as OGC clients spell them freely. */
    static String parameter(HttpServletRequest request, String name) {
        for (String p : request.getParameterMap().keySet()) {
            if (p.equalsIgnoreCase(name)) {
                return request.getParameter(p);
            }
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
