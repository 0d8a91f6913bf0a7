package fr.yseraa.observatory.wms.style;

import fr.yseraa.observatory.core.filter.FesParser;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.xml.SecureXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads SLD 1.0.0, SLD 1.1.0 and SE 1.1 documents into the immutable style model. What the model cannot draw is
 * reported as warnings, element by element; rules with an {@code ogc:Filter} keep it for the shared filter model
 * and are reported as not drawn yet.
 */
public final class SldParser {

    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /** The semantic type that makes a FeatureTypeStyle draw a density grid of the layer's features. */
    private static final String DENSITY_GRID = "density-grid";
    private static final int DEFAULT_DENSITY_CELL = 16;
    /**
     * The semantic type that makes a density pass draw instead of the feature passes on maps that hold more than N
     * features ({@code density-above:N}).
     */
    private static final String DENSITY_ABOVE = "density-above";

    private final GraphicLoader graphics;

    public SldParser(GraphicLoader graphics) {
        this.graphics = graphics;
    }

    /** Parses a style document (a secure parser: no DTD, no external entity). */
    public ParsedStyles parse(byte[] document) {
        Element root;
        try {
            DocumentBuilder builder = SecureXml.documentBuilderFactory().newDocumentBuilder();
            builder.setErrorHandler(QUIET); // errors become the exception below, not lines on stderr
            Document doc = builder.parse(new ByteArrayInputStream(document));
            root = doc.getDocumentElement();
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new StyleParseException("not a well-formed style document: " + SecureXml.problem(e), e);
        }
        ParseContext ctx = new ParseContext();
        ctx.markRead(root, false);
        Map<String, List<Style>> byLayer = new LinkedHashMap<>();
        switch (root.getLocalName()) {
            case "StyledLayerDescriptor" -> readLayers(root, ctx, byLayer);
            case "FeatureTypeStyle" -> byLayer.put("", List.of(new Style(null, null, null,
                    List.of(featureTypeStyle(root, ctx)))));
            default -> throw new StyleParseException("root element " + root.getLocalName()
                    + " is neither StyledLayerDescriptor nor FeatureTypeStyle", null);
        }
        // the document's own description
        for (String meta : List.of("Name", "Title", "Abstract", "Description")) {
            ctx.children(root, meta).forEach(e -> ctx.markRead(e, true));
        }
        ctx.reportUnread(root);
        return new ParsedStyles(byLayer, ctx.warnings());
    }

    private void readLayers(Element root, ParseContext ctx, Map<String, List<Style>> byLayer) {
        List<Element> layers = new ArrayList<>(ctx.children(root, "NamedLayer"));
        layers.addAll(ctx.children(root, "UserLayer"));
        for (Element layer : layers) {
            String name = ctx.childText(layer, "Name");
            List<Style> styles = new ArrayList<>();
            for (Element us : ctx.children(layer, "UserStyle")) {
                styles.add(userStyle(us, ctx));
            }
            byLayer.merge(name == null ? "" : name, styles, (a, b) -> {
                List<Style> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
            });
        }
    }

    private Style userStyle(Element us, ParseContext ctx) {
        String name = ctx.childText(us, "Name");
        Element description = ctx.child(us, "Description");
        Element titled = description != null ? description : us;
        String title = ctx.childText(titled, "Title");
        String abstractText = ctx.childText(titled, "Abstract");
        ctx.child(us, "IsDefault");
        List<FeatureTypeStyle> passes = new ArrayList<>();
        for (String kind : List.of("FeatureTypeStyle", "CoverageStyle")) {
            for (Element fts : ctx.children(us, kind)) {
                if (kind.equals("CoverageStyle")) {
                    ctx.markRead(fts, true);
                    ctx.warn(fts, "coverage styles are not supported: vector layers only");
                    continue;
                }
                passes.add(featureTypeStyle(fts, ctx));
            }
        }
        return new Style(name, title, abstractText, passes);
    }

    private FeatureTypeStyle featureTypeStyle(Element fts, ParseContext ctx) {
        String name = ctx.childText(fts, "Name");
        for (String meta : List.of("Title", "Abstract", "Description", "FeatureTypeName")) {
            ctx.children(fts, meta).forEach(e -> ctx.markRead(e, true));
        }
        int densityCells = 0;
        Integer densityAbove = null;
        for (Element type : ctx.children(fts, "SemanticTypeIdentifier")) {
            ctx.markRead(type, true);
            densityCells = Math.max(densityCells, densityCellPixels(type, ctx));
            Integer above = densityAbove(type);
            if (above != null) {
                if (densityAbove != null) {
                    throw new StyleParseException(ParseContext.path(type) + ": " + DENSITY_ABOVE
                            + " is given twice; one number of features per density pass", null);
                }
                densityAbove = above;
            }
        }
        if (densityAbove != null && densityCells == 0) {
            throw new StyleParseException(ParseContext.path(fts) + ": " + DENSITY_ABOVE + ":" + densityAbove
                    + " goes with the semantic type " + DENSITY_GRID + " (or " + DENSITY_GRID
                    + ":N): only a density pass can draw instead of the features", null);
        }
        List<Rule> rules = new ArrayList<>();
        for (Element rule : ctx.children(fts, "Rule")) {
            rules.add(rule(rule, ctx));
        }
        return new FeatureTypeStyle(name, rules, densityCells, densityAbove == null ? 0 : densityAbove);
    }

    /**
     * The number of features a {@code density-above:N} semantic type names (a whole number from 1 to
     * {@value Integer#MAX_VALUE}); null for the other semantic types. Any other value is an error: a threshold
     * misread would draw thousands of points where the grid was meant, or the grid where points were.
     */
    private static Integer densityAbove(Element type) {
        String text = type.getTextContent().strip();
        if (!text.equals(DENSITY_ABOVE) && !text.startsWith(DENSITY_ABOVE + ":")) {
            return null;
        }
        String number = text.substring(DENSITY_ABOVE.length()).replaceFirst("^:", "").strip();
        if (number.matches("\\d{1,10}")) {
            long n = Long.parseLong(number);
            if (n >= 1 && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        }
        throw new StyleParseException(ParseContext.path(type) + ": " + DENSITY_ABOVE + " needs the number of features"
                + " above which the density grid draws instead of the features, a whole number from 1 to "
                + Integer.MAX_VALUE + " (e.g. " + DENSITY_ABOVE + ":50000); got '" + text + "'", null);
    }

    /**
     * The cell size (pixels) a {@code density-grid} or {@code density-grid:N} semantic type asks for; 0 for the other
     * semantic types (generic:point...), which only describe the style.
     */
    private static int densityCellPixels(Element type, ParseContext ctx) {
        String text = type.getTextContent().strip();
        if (!text.equals(DENSITY_GRID) && !text.startsWith(DENSITY_GRID + ":")) {
            return 0;
        }
        String size = text.substring(DENSITY_GRID.length()).replaceFirst("^:", "");
        if (size.isEmpty()) {
            return DEFAULT_DENSITY_CELL;
        }
        if (size.matches("\\d{1,3}") && Integer.parseInt(size) >= 4 && Integer.parseInt(size) <= 256) {
            return Integer.parseInt(size);
        }
        ctx.warn(type, "density grid cells of " + size + " pixels: a whole number from 4 to 256 is needed; "
                + DEFAULT_DENSITY_CELL + " used");
        return DEFAULT_DENSITY_CELL;
    }

    private Rule rule(Element rule, ParseContext ctx) {
        String name = ctx.childText(rule, "Name");
        Element description = ctx.child(rule, "Description");
        String title = ctx.childText(description != null ? description : rule, "Title");
        ctx.children(description != null ? description : rule, "Abstract").forEach(e -> ctx.markRead(e, true));
        RuleFilter filter = RuleFilter.ALL;
        Element ogcFilter = ctx.child(rule, "Filter");
        if (ogcFilter != null) {
            ctx.markRead(ogcFilter, true);
            try {
                filter = new ModelFilter(FesParser.parse(ogcFilter, "Filter"));
            } catch (OwsException e) {
                throw new StyleParseException("rule " + (name == null ? "" : name + " ") + "has an invalid filter: "
                        + e.getMessage(), e);
            }
        }
        boolean elseFilter = ctx.child(rule, "ElseFilter") != null;
        double min = ctx.childNumber(rule, "MinScaleDenominator", 0);
        double max = ctx.childNumber(rule, "MaxScaleDenominator", Double.POSITIVE_INFINITY);
        SymbolizerParser symbolizers = new SymbolizerParser(ctx, graphics);
        List<Symbolizer> list = new ArrayList<>();
        for (Element e : ParseContext.elements(rule)) {
            symbolizers.parse(e).ifPresent(list::add);
        }
        return new Rule(name, title, filter, elseFilter, min, max, list);
    }
}
