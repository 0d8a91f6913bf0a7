package fr.yseraa.observatory.server.tiles;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.ows.ExceptionReporter;
import fr.yseraa.observatory.core.ows.ExceptionReports;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.server.ErrorAnswers;
import fr.yseraa.observatory.server.security.AuthenticationException;
import fr.yseraa.observatory.server.security.Authenticator;
import fr.yseraa.observatory.server.security.CallerFilter;
import fr.yseraa.observatory.server.security.CorsPolicy;
import fr.yseraa.observatory.server.security.SecurityHeadersFilter;
import fr.yseraa.observatory.wmts.tile.TileProvider;
import fr.yseraa.observatory.wmts.tile.TileRequest;
import fr.yseraa.observatory.wmts.tile.TileResponseWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The answers of the tile endpoint, as HTTP responses: what can be answered without blocking (a request it cannot
 * serve, a public tile in memory), and the full answer, which may check credentials, read the disk or render.
 */
final class TileAnswers {

    /** The reports of WMTS 1.0.0, as the main port's RESTful tiles answer them. */
    private static final ExceptionReporter REPORTER = ExceptionReporter.ows("1.0.0");

    /**
     * A request as the endpoint needs it once read.
     *
     * @param authorization the Authorization header, or null
     * @param apiKey the API key of the request ({@link CallerFilter#apiKey}), or null
     * @param address the client's address, for the throttling of failed logins
     * @param origin the Origin header, or null
     * @param corsMethod the Access-Control-Request-Method header of a preflight, or null
     */
    record Call(String method, String path, String time, String authorization, String apiKey, String address,
                TileResponseWriter.Conditions conditions, String origin, String corsMethod) {

        boolean head() {
            return "HEAD".equals(method);
        }

        boolean anonymous() {
            return authorization == null && apiKey == null;
        }

        boolean preflight() {
            return CorsPolicy.isPreflight(method, origin, corsMethod);
        }

        /**
         * Whether the answer depends on the path alone: a GET or HEAD of the public, without TIME, condition or
         * Origin (so with the same headers for every such request of the path).
         */
        boolean plain() {
            return ("GET".equals(method) || head()) && anonymous() && time == null
                    && conditions.equals(TileResponseWriter.Conditions.NONE) && origin == null && corsMethod == null;
        }
    }

    /**
     * An answer given without blocking work.
     *
     * @param hot the tile in memory it answers, or null when it is no tile (a report, a preflight)
     */
    record Immediate(FullHttpResponse response, TileProvider.Tile hot) {
    }

    private final TileProvider tiles;
    private final TileResponseWriter writer;
    private final Authenticator authenticator;
    private final CorsPolicy cors;

    TileAnswers(TileProvider tiles, TileResponseWriter writer, Authenticator authenticator, CorsPolicy cors) {
        this.tiles = tiles;
        this.writer = writer;
        this.authenticator = authenticator;
        this.cors = cors;
    }

    /** The answer when it needs no blocking work: a request the endpoint cannot serve, or a public tile in memory. */
    Optional<Immediate> immediate(Call call) {
        if (call.preflight()) {
            return Optional.of(new Immediate(preflight(call), null));
        }
        if (!"GET".equals(call.method()) && !call.head()) {
            FullHttpResponse r = report(new OwsException(ErrorAnswers.forStatus(405).code(), null,
                    "Tiles are read with GET or HEAD"));
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            return Optional.of(new Immediate(r, null));
        }
        if (!call.anonymous()) {
            return Optional.empty(); // credentials are checked first, as on the main port
        }
        try {
            Optional<TileRequest> request = TilePath.parse(call.path(), call.time());
            if (request.isEmpty()) {
                return Optional.of(new Immediate(notFound(), null));
            }
            return tiles.hotTile(request.get(), Caller.anonymous()).map(tile -> new Immediate(tile(tile, call), tile));
        } catch (OwsException e) {
            return Optional.of(new Immediate(report(e), null));
        } catch (RuntimeException e) {
            return Optional.empty(); // the full answer meets it again, and reports it
        }
    }

    /** An answer, and who it was for (the public until credentials are checked). */
    record Answered(FullHttpResponse response, Caller caller) {
    }

    /** The answer, whatever it takes: the caller's credentials checked, the tile from the cache or rendered. */
    Answered answer(Call call) {
        Caller caller = Caller.anonymous();
        try {
            caller = authenticator.authenticate(call.authorization(), call.apiKey(), call.address());
            Optional<TileRequest> request = TilePath.parse(call.path(), call.time());
            return new Answered(request.isEmpty() ? notFound() : tile(tiles.tile(request.get(), caller), call), caller);
        } catch (AuthenticationException e) {
            FullHttpResponse r = report(ErrorAnswers.OGC_REPORTER, e.report()); // as the main port's door answers
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, CallerFilter.CHALLENGE);
            return new Answered(r, caller);
        } catch (OwsException e) {
            return new Answered(report(e), caller);
        } catch (RuntimeException e) {
            return new Answered(report(ExceptionReports.internalError(e, call.method() + " " + call.path())), caller);
        }
    }

    /** The 204 answer to a CORS preflight, as the main port's ({@link CorsPolicy}): tiles are read with GET or HEAD. */
    private FullHttpResponse preflight(Call call) {
        FullHttpResponse r = response(HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
        cors.preflightHeaders(call.path(), call.origin(), "GET, HEAD").forEach(r.headers()::set);
        return r;
    }

    /**
     * The answer with its CORS headers, as the main port's ({@link CorsPolicy}); a Vary the answer has already
     * gains Origin.
     *
     * @param call the request, or null when it could not be read
     */
    FullHttpResponse withCors(Call call, FullHttpResponse r) {
        if (call != null && call.preflight()) {
            return r;
        }
        Map<String, String> headers = call == null ? cors.answerHeaders("/", null, false)
                : cors.answerHeaders(call.path(), call.origin(), !call.anonymous());
        headers.forEach((name, value) -> r.headers().set(name,
                "Vary".equals(name) ? CorsPolicy.mergeVary(r.headers().get(name), value) : value));
        return r;
    }

    /** The answer when every worker is busy and the queue is full. */
    static FullHttpResponse busy() {
        FullHttpResponse r = report(new OwsException(OwsExceptionCode.NO_APPLICABLE_CODE, null,
                "The tile server is busy; try again shortly"));
        r.setStatus(HttpResponseStatus.SERVICE_UNAVAILABLE);
        r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        return r;
    }

    /** The answer to a request that is not HTTP the endpoint can read. */
    static FullHttpResponse badRequest() {
        return report(ErrorAnswers.forStatus(HttpResponseStatus.BAD_REQUEST.code()));
    }

    /** The report of a request refused before it is read (e.g. text XML forbids). */
    static FullHttpResponse refused(OwsException e) {
        return report(e);
    }

    private FullHttpResponse tile(TileProvider.Tile tile, Call call) {
        boolean notModified = writer.notModified(tile, call.conditions());
        byte[] bytes = tile.content().bytes();
        boolean body = !notModified && !call.head();
        FullHttpResponse r = response(notModified ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK,
                body ? Unpooled.wrappedBuffer(bytes) : Unpooled.EMPTY_BUFFER);
        writer.headers(tile).forEach(r.headers()::set);
        if (!notModified) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, tile.request().format().mimeType());
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        }
        return r;
    }

    private static FullHttpResponse notFound() {
        return report(new OwsException(ErrorAnswers.forStatus(404).code(), null, "This port serves WMTS tiles only: "
                + TilePath.PREFIX + "{layer}/{style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.{png|jpeg|pbf}"));
    }

    /** The WMTS's exception report ({@link ExceptionReports}: the one writer of reports), as an HTTP response. */
    private static FullHttpResponse report(OwsException e) {
        return report(REPORTER, e);
    }

    private static FullHttpResponse report(ExceptionReporter reporter, OwsException e) {
        FullHttpResponse r = response(HttpResponseStatus.OK, Unpooled.buffer());
        try {
            ExceptionReports.report(reporter, e, new OwsResponse() {
                @Override
                public void setStatus(int status) {
                    r.setStatus(HttpResponseStatus.valueOf(status));
                }

                @Override
                public void setContentType(String contentType) {
                    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
                }

                @Override
                public void setHeader(String name, String value) {
                    r.headers().set(name, value);
                }

                @Override
                public OutputStream body() {
                    return new ByteBufOutputStream(r.content());
                }
            });
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // written to memory
        }
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        return r;
    }

    /** A response with the headers every answer carries: the security headers (CORS: {@link #withCors}). */
    private static FullHttpResponse response(HttpResponseStatus status, ByteBuf body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        SecurityHeadersFilter.HEADERS.forEach(r.headers()::set);
        return r;
    }
}
