package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.ows.OwsResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Adapts the servlet response to the engine's {@link OwsResponse}. */
public record ServletOwsResponse(HttpServletResponse response) implements OwsResponse {

    private static final int BUFFER_BYTES = 64 * 1024;

    @Override
    public void setStatus(int status) {
        response.setStatus(status);
    }

    @Override
    public void setContentType(String contentType) {
        response.setContentType(contentType);
    }

    @Override
    public void setHeader(String name, String value) {
        response.setHeader(name, value);
    }

    /**
     * The servlet's stream behind a buffer of 64 KiB: writers that emit a few bytes at a time (the JDK's StAX writer
     * writes XML byte by byte) would otherwise go through the servlet container for each one.
     */
    @Override
    public OutputStream body() throws IOException {
        return new BufferedOutputStream(response.getOutputStream(), BUFFER_BYTES);
    }
}
