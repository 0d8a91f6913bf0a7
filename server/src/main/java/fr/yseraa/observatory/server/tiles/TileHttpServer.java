package fr.yseraa.observatory.server.tiles;

import fr.yseraa.observatory.server.operations.AccessLog;
import fr.yseraa.observatory.server.operations.RequestMetrics;
import fr.yseraa.observatory.server.security.Authenticator;
import fr.yseraa.observatory.server.security.CorsPolicy;
import fr.yseraa.observatory.wmts.Wmts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The tile endpoint: RESTful WMTS tiles on a port of their own ({@code obs.tiles.port}), served by Netty. A tile the
 * public asks for and the memory cache holds is answered on the I/O thread that read the request, as a static file
 * server would; anything else (credentials to check, a tile on disk or to render) goes to a pool of worker threads
 * and takes exactly the path of the main port: same checks, same cache, same headers, same exception reports. A hot
 * public tile's whole answer is kept encoded for the plain requests of the public ({@link TileAnswerCache}, at most
 * {@code obs.tiles.answer-cache-mb}, 32 by default). The
 * main port keeps serving the same tiles for clients that build their URLs themselves. It listens on the main port's
 * address ({@code server.address}) unless {@code obs.tiles.address} names another.
 */
@Component
public class TileHttpServer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TileHttpServer.class);
    /** Tile requests have no body; their line and headers fit in this. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final int IDLE_SECONDS = 60;
    private static final int QUEUED_REQUESTS = 1024;

    private final TileEndpoint endpoint;
    private final Wmts wmts;
    private final Authenticator authenticator;
    private final CorsPolicy cors;
    private final AccessLog log;
    private final int ioThreads;
    private final int workerThreads;
    private final long answerCacheBytes;
    private final String address;
    private EventLoopGroup group;
    private ThreadPoolExecutor workers;
    private Channel channel;

    public TileHttpServer(TileEndpoint endpoint, Wmts wmts, Authenticator authenticator, CorsPolicy cors,
                          RequestMetrics metrics,
                          @Value("${obs.tiles.io-threads:0}") int ioThreads,
                          @Value("${obs.tiles.worker-threads:16}") int workerThreads,
                          @Value("${obs.tiles.answer-cache-mb:32}") long answerCacheMb,
                          @Value("${obs.tiles.address:${server.address:}}") String address) {
        this.endpoint = endpoint;
        this.wmts = wmts;
        this.authenticator = authenticator;
        this.cors = cors;
        this.log = AccessLog.tilePort(metrics);
        // I/O threads never block, and answer the hot tiles themselves: one per core, as a static file server's
        // workers, so that many clients of cached tiles may use the whole machine (bench/RESULTS.md, issue 19)
        this.ioThreads = ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
        this.workerThreads = workerThreads;
        this.answerCacheBytes = answerCacheMb * 1024 * 1024;
        this.address = address.strip();
    }

    @Override
    public synchronized void start() {
        if (!endpoint.enabled() || channel != null) {
            return;
        }
        boolean epoll = Epoll.isAvailable();
        group = epoll ? new EpollEventLoopGroup(ioThreads) : new NioEventLoopGroup(ioThreads);
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        AtomicInteger number = new AtomicInteger();
        workers = new ThreadPoolExecutor(workerThreads, workerThreads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), r -> {
                    Thread t = new Thread(r, "tile-worker-" + number.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        TileAnswers answers = new TileAnswers(wmts.service().tiles(), wmts.service().tileWriter(), authenticator, cors);
        TileAnswerCache answerCache = new TileAnswerCache(wmts.service().tiles(), answerCacheBytes);
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(type)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // a decoder and an encoder rather than one codec: answers of the answer cache, already
                        // encoded, are written past the encoder; requests without a body, past the aggregator
                        ch.pipeline().addLast(new ReadTimeoutHandler(IDLE_SECONDS), new HttpRequestDecoder(),
                                new HttpResponseEncoder(), new BodilessRequests(),
                                new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                new TileHttpHandler(answers, answerCache, workers, log));
                    }
                });
        try {
            channel = bootstrap.bind(address.isEmpty() ? new InetSocketAddress(endpoint.configuredPort())
                    : new InetSocketAddress(address, endpoint.configuredPort())).syncUninterruptibly().channel();
        } catch (Exception e) { // Netty rethrows the BindException unchecked
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdown();
            throw new IllegalStateException("the tile endpoint cannot listen on port " + endpoint.configuredPort()
                    + " (" + e.getMessage() + "): set obs.tiles.port to a free port, 0 for any, or -1 to serve the"
                    + " tiles on the main port only", e);
        }
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        endpoint.bound(port);
        LOG.info("tile endpoint on port {} ({}, {} I/O and {} worker threads)", port, epoll ? "epoll" : "NIO",
                ioThreads, workerThreads);
    }

    @Override
    public synchronized void stop() {
        if (channel == null) {
            return;
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdown();
        channel = null;
        endpoint.bound(-1);
    }

    @Override
    public synchronized boolean isRunning() {
        return channel != null;
    }
}
