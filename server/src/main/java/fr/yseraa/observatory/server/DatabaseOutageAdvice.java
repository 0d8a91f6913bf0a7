package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.ows.DatabaseOutage;
import fr.yseraa.observatory.core.ows.ExceptionReports;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The database out of reach under a Spring controller (/rest, /ogcapi): 503 with Retry-After in the path's format
 * ({@link ErrorAnswers}), answered here because Spring's own resolvers take a broken database socket ("Broken
 * pipe") for a client that left, and answer nothing. Any other failure goes on to Spring's error path as before.
 */
@RestControllerAdvice
public class DatabaseOutageAdvice {

    @ExceptionHandler(RuntimeException.class)
    public void outage(RuntimeException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!DatabaseOutage.causes(e)) {
            throw e; // Spring's handling, then ErrorPathController
        }
        ErrorAnswers.write(response, request.getServletPath(),
                ExceptionReports.internalError(e, request.getMethod() + " " + request.getRequestURI()));
    }
}
