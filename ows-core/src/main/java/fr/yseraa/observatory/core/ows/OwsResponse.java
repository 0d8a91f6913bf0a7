package fr.yseraa.observatory.core.ows;

import java.io.IOException;
import java.io.OutputStream;

/** Where a service writes its answer: status and headers first, then the body as a stream. */
public interface OwsResponse {

    void setStatus(int status);

    void setContentType(String contentType);

    void setHeader(String name, String value);

    /** The body; opening it commits status and headers. */
    OutputStream body() throws IOException;

    /** Whether status and headers were already sent (an exception report can no longer replace the answer). */
    default boolean committed() {
        return false;
    }
}
