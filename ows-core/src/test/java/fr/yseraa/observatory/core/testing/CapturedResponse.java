package fr.yseraa.observatory.core.testing;

import fr.yseraa.observatory.core.ows.OwsResponse;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An OwsResponse kept in memory for tests. */
public final class CapturedResponse implements OwsResponse {

    public int status = 200;
    public String contentType;
    public final Map<String, String> headers = new LinkedHashMap<>();
    /** Whether the answer is to read as already sent (an exception report then can no longer replace it). */
    public boolean committed;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Override
    public void setStatus(int status) {
        this.status = status;
    }

    @Override
    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    @Override
    public void setHeader(String name, String value) {
        headers.put(name, value);
    }

    @Override
    public OutputStream body() {
        return body;
    }

    @Override
    public boolean committed() {
        return committed;
    }

    public byte[] bytes() {
        return body.toByteArray();
    }

    public String text() {
        return body.toString(StandardCharsets.UTF_8);
    }
}
