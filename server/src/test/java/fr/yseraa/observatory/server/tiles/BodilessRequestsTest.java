package fr.yseraa.observatory.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests without a body go past the aggregator, in their order among the others; requests with a body, with an
 * {@code Expect} or that the decoder could not read are aggregated as before, bounds included.
 */
class BodilessRequestsTest {

    private final List<Object> received = new ArrayList<>();

    private EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestDecoder(), new HttpResponseEncoder(),
                new BodilessRequests(), new HttpObjectAggregator(16));
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                received.add(msg);
            }
        });
        return channel;
    }

    private static String outbound(EmbeddedChannel channel) {
        ByteBuf written = channel.readOutbound();
        try {
            return written.toString(StandardCharsets.US_ASCII);
        } finally {
            written.release();
        }
    }

    private static String text(FullHttpRequest r) {
        return r.content().toString(StandardCharsets.US_ASCII);
    }

    @Test
    void requestsWithoutABodySkipTheAggregatorInTheirOrder() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.copiedBuffer("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
                + "HEAD /c HTTP/1.1\r\nContent-Length: 0\r\n\r\n"
                + "GET /d HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
                + "GET /e HTTP/1.1\r\nExpect: 100-continue\r\n\r\n"
                + "GET /f HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII));
        assertThat(received).hasSize(6);
        assertThat(received.get(0)).isInstanceOf(HttpRequest.class).isNotInstanceOf(FullHttpRequest.class);
        assertThat(((HttpRequest) received.get(0)).uri()).isEqualTo("/a");
        assertThat(text((FullHttpRequest) received.get(1))).isEqualTo("abc");
        assertThat(received.get(2)).isNotInstanceOf(FullHttpRequest.class);
        assertThat(((HttpRequest) received.get(2)).uri()).isEqualTo("/c");
        assertThat(text((FullHttpRequest) received.get(3))).isEqualTo("de");
        assertThat(((HttpRequest) received.get(4)).uri()).isEqualTo("/e");
        assertThat(received.get(4)).as("Expect: aggregated, as before").isInstanceOf(FullHttpRequest.class);
        assertThat(outbound(channel)).as("and told to go on, as before").startsWith("HTTP/1.1 100 Continue");
        assertThat(((HttpRequest) received.get(5)).uri()).isEqualTo("/f");
        assertThat(received.get(5)).isNotInstanceOf(FullHttpRequest.class);
        received.forEach(ReferenceCountUtil::release);
        channel.finishAndReleaseAll();
    }

    @Test
    void aBodyBeyondTheBoundIsStillRefusedByTheAggregator() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.copiedBuffer("GET /a HTTP/1.1\r\nContent-Length: 17\r\n\r\n"
                + "x".repeat(17), StandardCharsets.US_ASCII));
        assertThat(received).isEmpty();
        assertThat(outbound(channel)).startsWith("HTTP/1.1 " + HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code());
        channel.finishAndReleaseAll();
    }
}
