package fr.yseraa.observatory.server.security;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.Map;

/**
 * A response whose filter-set headers last: they are set at once, set again after a {@code reset()} (which an
 * exception report does to drop what the failed work set), and a {@code Vary} set later by an endpoint adds to the
 * one set here rather than replacing it.
 */
final class LastingHeaders extends HttpServletResponseWrapper {

    private final Map<String, String> headers;

    LastingHeaders(HttpServletResponse response, Map<String, String> headers) {
        super(response);
        this.headers = headers;
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
        headers.forEach(this::setHeader);
    }
}
