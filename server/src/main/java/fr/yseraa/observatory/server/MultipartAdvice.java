package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.ows.OwsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A multipart body the container cannot read (no boundary, truncated, beyond the size limits) is the client's
 * fault: 400 {@code InvalidRequest} (413 beyond the limits) in the path's format ({@link ErrorAnswers}), not a
 * server fault. Multipart bodies are read only when a controller asks for a part ({@code resolve-lazily}), so only
 * {@code /rest/imports} meets this; ordered first so that {@link DatabaseOutageAdvice}'s catch-all does not take it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MultipartAdvice {

    @ExceptionHandler(MultipartException.class)
    public void unreadable(MultipartException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        OwsException failure = e instanceof MaxUploadSizeExceededException ? ErrorAnswers.forStatus(413)
                : new OwsException(ErrorAnswers.forStatus(400).code(), null, "The multipart body cannot be read");
        ErrorAnswers.write(response, request.getServletPath(), failure);
    }
}
