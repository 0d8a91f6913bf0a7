package fr.yseraa.observatory.core.ows;

import java.io.IOException;
import java.io.OutputStream;

/** An {@link OwsResponse} that hands everything to another one; subclasses override what they watch or add. */
public abstract class ForwardingOwsResponse implements OwsResponse {

    private final OwsResponse response;

    protected ForwardingOwsResponse(OwsResponse response) {
        this.response = response;
    }

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
        return response.body();
    }

    @Override
    public boolean committed() {
        return response.committed();
    }
}
