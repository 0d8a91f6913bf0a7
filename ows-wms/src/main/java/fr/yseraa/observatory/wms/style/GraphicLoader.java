package fr.yseraa.observatory.wms.style;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Reads external graphics (PNG, GIF, JPEG, SVG) from one folder of the data directory. Only relative references to files inside it are
 * followed: a style never makes the server fetch a URL or read a file elsewhere.
 */
public final class GraphicLoader {

    private final Path root;

    /** @param root the folder graphics are read from, or null to read none */
    public GraphicLoader(Path root) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
    }

    /**
     * The picture a reference names (SVG when the format or the file name says so, else PNG, GIF or JPEG), or a
     * reason why it cannot be used.
     *
     * @param format the SLD Format of the graphic, or null
     */
    public Optional<GraphicImage> load(String href, String format, Consumer<String> problem) {
        if (root == null) {
            problem.accept("external graphics are not available here (" + href + ")");
            return Optional.empty();
        }
        String relative;
        try {
            URI uri = new URI(href.strip());
            if (uri.isAbsolute() && !"file".equals(uri.getScheme())) {
                problem.accept("external graphic " + href + " is not a file of the data directory");
                return Optional.empty();
            }
            relative = uri.getPath();
        } catch (URISyntaxException e) {
            problem.accept("external graphic reference " + href + " is not a valid URI");
            return Optional.empty();
        }
        Path file = root.resolve(relative.startsWith("/") ? relative.substring(1) : relative).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            problem.accept("external graphic " + href + " is not a file of " + root);
            return Optional.empty();
        }
        boolean svg = format != null ? format.toLowerCase(Locale.ROOT).contains("svg")
                : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
        try {
            if (svg) {
                return SvgReader.read(href, Files.readAllBytes(file), problem).map(GraphicImage.class::cast);
            }
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                problem.accept("external graphic " + href + " is not a PNG, GIF or JPEG image");
            }
            return Optional.ofNullable(image).map(RasterImage::new);
        } catch (IOException e) {
            problem.accept("external graphic " + href + " cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }
}
