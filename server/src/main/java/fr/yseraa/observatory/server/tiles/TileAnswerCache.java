package fr.yseraa.observatory.server.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import fr.yseraa.observatory.wmts.tile.TileProvider;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.IllegalReferenceCountException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Hot public tiles kept as their whole answer, status line and headers encoded, for the public's plain requests
 * (keep-alive HTTP/1.1, {@link TileAnswers.Call#plain}): such a request then costs no parsing, resolving or encoding.
 * Answers are keyed by the request's path, and one is served only while {@link TileProvider#isStillHot} says that its
 * tile is what the request would get now: resolved against the current catalog (so the same access rules and data
 * version), its layer's tiles fresh, and the very tile still in the tile cache's memory, so that an invalidation (an
 * edit, an import, a truncation) or an eviction there reaches it. Bounded by the bytes its answers hold.
 */
final class TileAnswerCache {

    /** What an answer costs beside its bytes: the key, the entry, the objects. */
    private static final int OVERHEAD = 256;

    /**
     * An answer: the tile it was made from, and its status line and headers as sent followed by the tile's bytes, in
     * one read-only buffer outside the heap, which the socket is written from as it is (a buffer on the heap is
     * copied to a new one outside it at every write: 15 % of the I/O threads' work in a profile). The cache holds
     * one reference to the buffer and each write one more; the cache's goes when the answer leaves it (evicted,
     * replaced, no longer valid), and the memory is freed with the last write's, not left to the garbage collector.
     */
    record Answer(TileProvider.Tile tile, ByteBuf whole, int headLength) {

        static Answer of(TileProvider.Tile tile, byte[] head) {
            byte[] bytes = tile.content().bytes();
            ByteBuf whole = Unpooled.directBuffer(head.length + bytes.length).writeBytes(head).writeBytes(bytes);
            return new Answer(tile, whole.asReadOnly(), head.length);
        }

        /**
         * The bytes to send: the head, then the tile unless the request was HEAD, to be released once written; null
         * when the answer has just left the cache and its memory is already freed.
         */
        ByteBuf encoded(boolean withBody) {
            try {
                return withBody ? whole.retainedDuplicate() : whole.retainedSlice(0, headLength);
            } catch (IllegalReferenceCountException freed) {
                return null;
            }
        }
    }

    private final TileProvider tiles;
    private final Cache<String, Answer> answers;

    /** @param maxBytes what the answers may hold at most: their copies outside the heap, the tiles they pin (0: none) */
    TileAnswerCache(TileProvider tiles, long maxBytes) {
        this.tiles = tiles;
        // its upkeep (evictions) done by the thread that reads or writes, at once, rather than by a pool's task
        this.answers = Caffeine.newBuilder().executor(Runnable::run).maximumWeight(maxBytes)
                .weigher((String path, Answer a) -> OVERHEAD + path.length() + a.whole().capacity()
                        + a.tile().content().bytes().length)
                .removalListener((String path, Answer a, RemovalCause cause) -> a.whole().release())
                .build();
    }

    /** The answer to a plain request of this path, or null when there is none or it no longer holds. */
    Answer answer(String path) {
        Answer a = answers.getIfPresent(path);
        if (a == null || tiles.isStillHot(a.tile())) {
            return a;
        }
        answers.asMap().remove(path, a);
        return null;
    }

    /** Keeps the answer a plain request of this path got: a hot public tile, as it is about to be sent. */
    void keep(String path, TileProvider.Tile tile, HttpResponse response) {
        if (response.status().code() == HttpResponseStatus.OK.code()) {
            answers.put(path, Answer.of(tile, head(response)));
        }
    }

    /** The status line and headers of a response, as HTTP/1.1 sends them. */
    static byte[] head(HttpResponse response) {
        StringBuilder b = new StringBuilder(512).append(response.protocolVersion().text()).append(' ')
                .append(response.status().code()).append(' ').append(response.status().reasonPhrase()).append("\r\n");
        for (Map.Entry<String, String> h : response.headers()) {
            b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
