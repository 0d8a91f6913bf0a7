package fr.yseraa.observatory.wms.style;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The style files of the data directory ({@code styles/<name>.sld}), parsed on first use and again when a file
 * changes. The warnings of each load are logged, so that whoever edits a style learns what will not be drawn.
 */
public final class StyleRepository {

    private static final Logger LOG = LoggerFactory.getLogger(StyleRepository.class);

    private final Path stylesDir;
    private final SldParser parser;
    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

    private record Loaded(FileTime modified, ParsedStyles styles) {
    }

    /** @param stylesDir the style files; external graphics are read from the same folder */
    public StyleRepository(Path stylesDir) {
        this.stylesDir = stylesDir.toAbsolutePath().normalize();
        this.parser = new SldParser(new GraphicLoader(this.stylesDir));
    }

    /** The parser for styles given in requests (SLD_BODY), reading graphics from the same folder. */
    public SldParser parser() {
        return parser;
    }

    /** The parsed style file of that name, with its warnings. */
    public ParsedStyles load(String styleName) {
        Path file = stylesDir.resolve(styleName + ".sld").normalize();
        if (!file.startsWith(stylesDir)) {
            throw new IllegalArgumentException("style name " + styleName + " leaves the styles folder");
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Loaded loaded = cache.get(styleName);
            if (loaded == null || !loaded.modified().equals(modified)) {
                ParsedStyles parsed = parser.parse(Files.readAllBytes(file));
                parsed.warnings().forEach(w -> LOG.warn("style {}: {}", styleName, w));
                loaded = new Loaded(modified, parsed);
                cache.put(styleName, loaded);
            }
            return loaded.styles();
        } catch (IOException e) {
            throw new IllegalStateException("style file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The styles of a layer, its catalog style first. */
    public LayerStyles stylesOf(LayerInfo layer) {
        String name = layer.definition().style();
        ParsedStyles parsed = load(name);
        List<Style> styles = parsed.stylesByLayer().getOrDefault(layer.qualifiedName(),
                parsed.stylesByLayer().getOrDefault(layer.name(), parsed.allStyles()));
        return new LayerStyles(name, styles.isEmpty() ? parsed.allStyles() : styles);
    }
}
