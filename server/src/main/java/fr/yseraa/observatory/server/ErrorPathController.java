package fr.yseraa.observatory.server;

import fr.yseraa.observatory.core.ows.ExceptionReports;
import fr.yseraa.observatory.core.ows.OwsException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Spring's error path ({@code /error}, where Tomcat and Spring forward a failure no endpoint answered: an unknown
 * path, a method not allowed, an unreadable JSON body, an exception out of a controller), answered in the
 * documented format of the path that failed ({@link ErrorAnswers}) instead of Spring's JSON or HTML. A server fault
 * is logged with a request id that the answer quotes.
 */
@Controller
public class ErrorPathController implements ErrorController {

    @RequestMapping("/error")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer s ? s : 500;
        String uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String u ? u : "";
        String path = uri.startsWith(request.getContextPath()) ? uri.substring(request.getContextPath().length()) : uri;
        OwsException failure = ErrorAnswers.forStatus(status);
        if (failure.httpStatus() >= 500) {
            Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            RuntimeException e = thrown instanceof RuntimeException r ? r
                    : new IllegalStateException("status " + status, thrown instanceof Throwable t ? t : null);
            OwsException internal = ExceptionReports.internalError(e, request.getMethod() + " " + uri);
            failure = internal.retryAfterSeconds() > 0 ? internal // the database out of reach: 503
                    : new OwsException(failure.code(), null, internal.getMessage());
        }
        ErrorAnswers.write(response, path, failure);
    }
}
