package fr.yseraa.observatory.server.tiles;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.xml.XmlChars;
import fr.yseraa.observatory.server.ErrorAnswers;
import fr.yseraa.observatory.server.operations.AccessLog;
import fr.yseraa.observatory.server.operations.RequestKind;
import fr.yseraa.observatory.server.security.CallerFilter;
import fr.yseraa.observatory.wmts.tile.TileResponseWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One connection of the tile endpoint. Answers that need no blocking work are written at once; the others are handed
 * to the workers and written back on the connection's I/O thread. Answers leave in the order the requests came
 * (HTTP/1.1 pipelining): while one is with the workers, the next requests wait, up to a few. Every answer is one
 * line of the access log and counted in the metrics, as the main port's ({@link AccessLog}).
 */
final class TileHttpHandler extends SimpleChannelInboundHandler<HttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(TileHttpHandler.class);
    private static final int MAX_WAITING = 16;
    /** Header names as Netty's constants, which hash once (a String name is hashed again on every look-up). */
    private static final AsciiString API_KEY = AsciiString.cached("X-API-Key");

    /** A request as the access log needs it: its id, when it came, what it asked and from where. */
    private record Received(String id, long start, String method, String path, String address) {
        static Received of(HttpRequest request, String address) {
            String uri = request.uri();
            int query = uri.indexOf('?');
            return new Received(AccessLog.newRequestId(), System.nanoTime(), request.method().name(),
                    query < 0 ? uri : uri.substring(0, query), address); // not the query: keys
        }
    }

    /** @param plain whether the answer may come from, or go to, the answer cache ({@link TileAnswerCache}) */
    private record Pending(Received received, TileAnswers.Call call, boolean keepAlive, boolean plain) {
    }

    private final TileAnswers answers;
    private final TileAnswerCache answerCache;
    private final Executor workers;
    private final AccessLog log;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private boolean busy;
    /** The client's address, as the access log writes it. */
    private String address;
    /** Where answers already encoded are written, past the response encoder. */
    private ChannelHandlerContext encoded;

    TileHttpHandler(TileAnswers answers, TileAnswerCache answerCache, Executor workers, AccessLog log) {
        this.answers = answers;
        this.answerCache = answerCache;
        this.workers = workers;
        this.log = log;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        encoded = ctx.pipeline().context(HttpResponseEncoder.class);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpRequest request) {
        if (address == null) {
            address = address(ctx.channel().remoteAddress());
        }
        Received received = Received.of(request, address);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, received, Caller.anonymous(), answers.withCors(null, TileAnswers.badRequest()), false);
            return;
        }
        Pending pending;
        try {
            String forbidden = forbiddenText(request);
            if (forbidden != null) {
                write(ctx, received, Caller.anonymous(),
                        TileAnswers.refused(ErrorAnswers.forbiddenCharacter(forbidden)), false);
                return;
            }
            TileAnswers.Call call = call(request, received.address());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            pending = new Pending(received, call, keepAlive,
                    keepAlive && request.protocolVersion().equals(HttpVersion.HTTP_1_1) && call.plain());
        } catch (IllegalArgumentException e) { // a malformed query string
            write(ctx, received, Caller.anonymous(), answers.withCors(null, TileAnswers.badRequest()), false);
            return;
        }
        if (busy) {
            if (waiting.size() >= MAX_WAITING) {
                ctx.close();
                return;
            }
            waiting.add(pending);
            return;
        }
        serve(ctx, pending);
    }

    /** Answers requests in order until one goes to the workers or none is left. */
    private void serve(ChannelHandlerContext ctx, Pending first) {
        for (Pending p = first; p != null; p = waiting.poll()) {
            TileAnswerCache.Answer kept = p.plain() ? answerCache.answer(p.call().path()) : null;
            ByteBuf encodedAnswer = kept == null ? null : kept.encoded(!p.call().head());
            if (encodedAnswer != null) {
                send(p, kept, encodedAnswer);
                continue;
            }
            Optional<TileAnswers.Immediate> now = answers.immediate(p.call());
            if (now.isEmpty() && handOff(ctx, p)) {
                return;
            }
            FullHttpResponse response = answers.withCors(p.call(),
                    now.map(TileAnswers.Immediate::response).orElseGet(TileAnswers::busy));
            if (p.plain() && now.isPresent() && now.get().hot() != null) {
                answerCache.keep(p.call().path(), now.get().hot(), response);
            }
            write(ctx, p.received(), Caller.anonymous(), response, p.keepAlive());
        }
    }

    /** Sends an answer of the answer cache, its bytes as {@link TileAnswerCache.Answer#encoded} gave them. */
    private void send(Pending p, TileAnswerCache.Answer answer, ByteBuf bytes) {
        record(p.received(), Caller.anonymous(), HttpResponseStatus.OK.code(),
                p.call().head() ? 0 : answer.tile().content().bytes().length, "HIT");
        encoded.writeAndFlush(bytes, encoded.voidPromise());
    }

    /** Gives the request to the workers; false when they cannot take it. */
    private boolean handOff(ChannelHandlerContext ctx, Pending p) {
        try {
            busy = true;
            workers.execute(() -> {
                MDC.put(AccessLog.REQUEST_ID, p.received().id()); // a server fault's report quotes it
                TileAnswers.Answered answered;
                try {
                    answered = answers.answer(p.call());
                } finally {
                    MDC.remove(AccessLog.REQUEST_ID);
                }
                FullHttpResponse response = answers.withCors(p.call(), answered.response());
                ctx.executor().execute(() -> {
                    busy = false;
                    write(ctx, p.received(), answered.caller(), response, p.keepAlive());
                    Pending next = waiting.poll();
                    if (next != null) {
                        serve(ctx, next);
                    }
                });
            });
            return true;
        } catch (RejectedExecutionException e) {
            busy = false;
            return false;
        }
    }

    /** Sends the answer, and records it in the access log and the metrics. */
    private void write(ChannelHandlerContext ctx, Received received, Caller caller, FullHttpResponse response,
                       boolean keepAlive) {
        record(received, caller, response.status().code(), response.content().readableBytes(),
                response.headers().get("X-Tile-Cache"));
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void record(Received received, Caller caller, int status, long bytes, String tileCache) {
        log.record(new AccessLog.Entry(received.id(), received.address(), received.method(), received.path(),
                RequestKind.ofTilePath(received.path()), status, bytes,
                Duration.ofNanos(System.nanoTime() - received.start()), caller, tileCache));
    }

    private static String address(SocketAddress remote) {
        return remote instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : String.valueOf(remote);
    }

    private static TileAnswers.Call call(HttpRequest request, String address) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Map<String, List<String>> parameters = uri.parameters();
        HttpHeaders h = request.headers();
        return new TileAnswers.Call(request.method().name(), uri.rawPath(), first(parameters.get("time")),
                h.get(HttpHeaderNames.AUTHORIZATION), CallerFilter.apiKey(h.get(API_KEY),
                        name -> ignoringCase(parameters, name)), address,
                new TileResponseWriter.Conditions(h.get(HttpHeaderNames.IF_NONE_MATCH),
                        h.get(HttpHeaderNames.IF_MODIFIED_SINCE)),
                h.get(HttpHeaderNames.ORIGIN), h.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD));
    }

    /**
     * Where the request holds a character XML forbids (the path, a parameter, a header), as the main port's
     * {@code RequestTextFilter} refuses them; null if nowhere.
     */
    private static String forbiddenText(HttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (XmlChars.firstForbidden(decodedPath(uri)) >= 0) {
            return "path";
        }
        for (Map.Entry<String, List<String>> p : uri.parameters().entrySet()) {
            if (XmlChars.firstForbidden(p.getKey()) >= 0) {
                return "parameter name";
            }
            if (p.getValue().stream().anyMatch(v -> XmlChars.firstForbidden(v) >= 0)) {
                return "parameter " + p.getKey();
            }
        }
        for (Map.Entry<String, String> h : request.headers()) {
            if (XmlChars.firstForbidden(h.getValue()) >= 0) {
                return "header " + h.getKey();
            }
        }
        return null;
    }

    /** The path decoded; as it is when its percent-encoding is broken (the tile path parser reports that). */
    private static String decodedPath(QueryStringDecoder uri) {
        try {
            return uri.path();
        } catch (IllegalArgumentException e) {
            return uri.rawPath();
        }
    }

    private static String ignoringCase(Map<String, List<String>> parameters, String name) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (p.getKey().equalsIgnoreCase(name)) {
                return first(p.getValue());
            }
        }
        return null;
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("tile connection closed: {}", cause.toString());
        ctx.close();
    }
}
