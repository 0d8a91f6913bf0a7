package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.ows.OwsResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/** Adapts the servlet response to the engine's {@link OwsResponse}. */
public record ServletOwsResponse(HttpServletResponse response) implements OwsResponse {

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

    @Override
    public OutputStream body() throws IOException {
        return response.getOutputStream();
    }

    @Override
    public boolean committed() {
        return response.isCommitted();
    }
}
