package fr.yseraa.observatory.core.ows;

/**
 * The request's client closed its connection before the answer started: its work stopped, and nothing can be
 * reported to it ({@link ExceptionReports} only logs it, with status 499 as nginx does).
 */
public final class ClientGoneException extends RuntimeException {

    public ClientGoneException() {
        super("the client has gone", null, false, false);
    }
}
