package fr.yseraa.observatory.server.tiles;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Takes the requests that have no body (no {@code Content-Length} above 0, no {@code Transfer-Encoding}, no
 * {@code Expect}: every tile request) past the {@link HttpObjectAggregator} that follows it, straight to the handler
 * after it, and drops the empty end of content the decoder sends after each. Aggregating them cost a composite buffer,
 * a full request and a header per request (6 % of the I/O threads' work in a profile, bench/RESULTS.md). Any other
 * request, and any the decoder could not read, goes through the aggregator as before: its bounds, its answers to
 * {@code Expect} and to bodies too large stay as they were.
 */
final class BodilessRequests extends ChannelInboundHandlerAdapter {

    /** Where requests without a body go on from: the aggregator's place in the pipeline (added after this). */
    private ChannelHandlerContext pastAggregator;
    /** Whether the decoder's end of content for the last request passed by is still to come. */
    private boolean endToDrop;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (endToDrop && msg instanceof LastHttpContent end && !(msg instanceof HttpRequest)) {
            endToDrop = false;
            end.release();
            return;
        }
        if (msg instanceof HttpRequest r && !(msg instanceof FullHttpRequest) && r.decoderResult().isSuccess()
                && bodiless(r)) {
            if (pastAggregator == null) {
                pastAggregator = ctx.pipeline().context(HttpObjectAggregator.class);
            }
            endToDrop = true;
            pastAggregator.fireChannelRead(r);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean bodiless(HttpRequest r) {
        HttpHeaders h = r.headers();
        return !h.contains(HttpHeaderNames.TRANSFER_ENCODING) && !h.contains(HttpHeaderNames.EXPECT)
                && HttpUtil.getContentLength(r, -1L) <= 0;
    }
}
