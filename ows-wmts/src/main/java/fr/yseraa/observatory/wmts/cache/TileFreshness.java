package fr.yseraa.observatory.wmts.cache;

import fr.yseraa.observatory.core.catalog.AttributeInfo;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerDefinition;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the cached tiles of a layer when what they are drawn from changes: the catalog's definition of the layer
 * (source, geometry column, id column, style, access policy, time column, the columns the database reports) or its
 * style file. The tiles of each layer carry on disk a fingerprint of these; when a request finds the catalog
 * reloaded (a new update sequence) or the layer's style file touched since the last look, the fingerprint is taken
 * again and, if it differs, every tile of the layer goes. Since the fingerprint is on disk, a change made while the
 * server was stopped is caught on the first request too. Changes that do not alter tiles (titles, keywords...) keep
 * them; the data itself is the change call's business ({@link TileInvalidator}).
 *
 * <p>{@link #check}, on the way of every tile read from disk or drawn, looks at the style file each time.
 * {@link #isCurrent}, on the way of the tiles answered from memory without blocking (the tile endpoint's I/O threads,
 * thousands a second), looks at it at most once a second per layer ({@link #GLANCE_NANOS}): an edited style file is
 * seen there within a second (a look at the file's time was 5 to 9 % of those threads' work, bench/RESULTS.md).
 */
public final class TileFreshness {

    private static final Logger LOG = LoggerFactory.getLogger(TileFreshness.class);

    /** How long {@link #isCurrent} trusts its last look at a style file's time. */
    static final long GLANCE_NANOS = 1_000_000_000L;

    /** What was last looked at for a layer: the catalog's update sequence and the style file's time. */
    private record Seen(long catalogSequence, FileTime styleModified) {
    }

    /** What was seen of a layer, and when it was last found unchanged ({@link System#nanoTime}). */
    private record Look(Seen seen, long at) {
    }

    private final TileCache cache;
    private final Path stylesDir;
    private final Map<String, Look> seen = new ConcurrentHashMap<>();

    /** @param stylesDir the folder of the style files ({@code <style>.sld}) that layers name */
    public TileFreshness(TileCache cache, Path stylesDir) {
        this.cache = cache;
        this.stylesDir = stylesDir.toAbsolutePath().normalize();
    }

    /**
     * Whether the layer's cached tiles were already checked against this catalog and the style file as it was at
     * most a second ago ({@link #GLANCE_NANOS}): then {@link #check} has nothing to do. No other work than a look at
     * the style file's time, and that once a second.
     */
    public boolean isCurrent(Catalog catalog, LayerInfo layer) {
        String name = layer.qualifiedName();
        Look last = seen.get(name);
        if (last == null || last.seen().catalogSequence() != catalog.updateSequence()) {
            return false;
        }
        long now = System.nanoTime();
        if (now - last.at() < GLANCE_NANOS) {
            return true;
        }
        if (!last.seen().equals(seenNow(catalog, styleFile(layer)))) {
            return false;
        }
        seen.replace(name, last, new Look(last.seen(), now));
        return true;
    }

    /** Makes sure the cached tiles of the layer were drawn from this catalog's definition and the current style. */
    public void check(Catalog catalog, LayerInfo layer) {
        Path style = styleFile(layer);
        Seen now = seenNow(catalog, style);
        if (now.equals(seen(layer))) {
            return;
        }
        synchronized (this) {
            if (now.equals(seen(layer))) {
                return;
            }
            String fingerprint = fingerprint(catalog, layer, style);
            if (!cache.fingerprint(layer.qualifiedName()).filter(fingerprint::equals).isPresent()) {
                long dropped = cache.invalidate(layer.qualifiedName(), k -> true);
                cache.fingerprint(layer.qualifiedName(), fingerprint);
                if (dropped > 0) {
                    LOG.info("layer {} or its style changed: {} cached tiles dropped", layer.qualifiedName(), dropped);
                }
            }
            seen.put(layer.qualifiedName(), new Look(now, System.nanoTime()));
        }
    }

    private Seen seen(LayerInfo layer) {
        Look last = seen.get(layer.qualifiedName());
        return last == null ? null : last.seen();
    }

    private static Seen seenNow(Catalog catalog, Path style) {
        return new Seen(catalog.updateSequence(), modified(style));
    }

    private Path styleFile(LayerInfo layer) {
        Path file = stylesDir.resolve(layer.definition().style() + ".sld").normalize();
        if (!file.startsWith(stylesDir)) {
            throw new IllegalStateException("style " + layer.definition().style() + " leaves the styles folder");
        }
        return file;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            return FileTime.fromMillis(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A digest of what a layer's tiles are drawn from. */
    static String fingerprint(Catalog catalog, LayerInfo layer, Path style) {
        LayerDefinition d = layer.definition();
        StringBuilder what = new StringBuilder();
        for (Object part : new Object[] {d.source(), d.geometryColumn(), layer.idColumn(), layer.geometryType(),
                layer.srid(), d.style(), catalog.policy(layer).name(), d.timeColumn()}) {
            what.append(part).append('\n');
        }
        for (AttributeInfo a : layer.attributes()) {
            what.append(a.name()).append(' ').append(a.sqlType()).append('\n');
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(what.toString().getBytes(StandardCharsets.UTF_8));
            digest.update(Files.exists(style) ? Files.readAllBytes(style) : new byte[0]);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
