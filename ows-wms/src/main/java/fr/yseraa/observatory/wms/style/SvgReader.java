package fr.yseraa.observatory.wms.style;

import fr.yseraa.observatory.core.xml.SecureXml;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the static subset of SVG that map symbols use: {@code g}, {@code path} (all commands but arcs),
 * {@code rect}, {@code circle}, {@code ellipse}, {@code line}, {@code polyline}, {@code polygon}; fill, stroke and
 * their opacities, stroke width, caps and joins, as attributes or in {@code style}; {@code transform}; the root's
 * {@code viewBox}, {@code width} and {@code height}. Anything else is reported, not silently dropped. Parsed with the
 * hardened XML parser: no DTD, no external entity, no fetch.
 */
final class SvgReader {

    private static final Set<String> SILENT = Set.of("title", "desc", "metadata");
    private static final Map<String, Color> NAMED = Map.ofEntries(
            Map.entry("black", Color.BLACK), Map.entry("white", Color.WHITE), Map.entry("red", new Color(255, 0, 0)),
            Map.entry("green", new Color(0, 128, 0)), Map.entry("blue", new Color(0, 0, 255)),
            Map.entry("yellow", new Color(255, 255, 0)), Map.entry("orange", new Color(255, 165, 0)),
            Map.entry("gray", new Color(128, 128, 128)), Map.entry("grey", new Color(128, 128, 128)),
            Map.entry("purple", new Color(128, 0, 128)), Map.entry("brown", new Color(165, 42, 42)),
            Map.entry("navy", new Color(0, 0, 128)), Map.entry("teal", new Color(0, 128, 128)));
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");
    private static final Pattern TRANSFORM = Pattern.compile("(matrix|translate|scale|rotate)\\s*\\(([^)]*)\\)");

    /** Inherited presentation properties. */
    private record Presentation(Map<String, String> values) {
        Presentation with(Element e) {
            Map<String, String> next = new HashMap<>(values);
            String ownOpacity = e.hasAttribute("opacity") ? e.getAttribute("opacity") : "1";
            for (String name : List.of("fill", "stroke", "stroke-width", "fill-opacity", "stroke-opacity",
                    "stroke-linecap", "stroke-linejoin")) {
                if (e.hasAttribute(name)) {
                    next.put(name, e.getAttribute(name).strip());
                }
            }
            for (String declaration : e.getAttribute("style").split(";")) {
                int colon = declaration.indexOf(':');
                if (colon > 0) {
                    String name = declaration.substring(0, colon).strip();
                    String value = declaration.substring(colon + 1).strip();
                    if (name.equals("opacity")) {
                        ownOpacity = value;
                    } else {
                        next.put(name, value);
                    }
                }
            }
            // opacity is not inherited in SVG but composes down the tree: carried as a product
            next.put("opacity", Double.toString(number(values.getOrDefault("opacity", "1")) * number(ownOpacity)));
            return new Presentation(next);
        }
    }

    private final Consumer<String> problem;
    private final String name;
    private final List<SvgImage.Part> parts = new ArrayList<>();

    private SvgReader(String name, Consumer<String> problem) {
        this.name = name;
        this.problem = problem;
    }

    static Optional<SvgImage> read(String name, byte[] bytes, Consumer<String> problem) {
        Element root;
        try {
            root = SecureXml.documentBuilderFactory().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(bytes)).getDocumentElement();
        } catch (Exception e) {
            problem.accept("SVG graphic " + name + " is not readable XML: " + e.getMessage());
            return Optional.empty();
        }
        if (!"svg".equals(localName(root))) {
            problem.accept("graphic " + name + " is not an SVG document");
            return Optional.empty();
        }
        double[] box = numbers(root.getAttribute("viewBox"));
        double width = length(root.getAttribute("width"), box.length == 4 ? box[2] : 0);
        double height = length(root.getAttribute("height"), box.length == 4 ? box[3] : 0);
        if (width <= 0 || height <= 0) {
            problem.accept("SVG graphic " + name + " has no size (width and height or viewBox)");
            return Optional.empty();
        }
        AffineTransform viewBox = new AffineTransform();
        if (box.length == 4 && box[2] > 0 && box[3] > 0) {
            viewBox.scale(width / box[2], height / box[3]);
            viewBox.translate(-box[0], -box[1]);
        }
        SvgReader reader = new SvgReader(name, problem);
        Map<String, String> initial = new HashMap<>(Map.of("fill", "black", "stroke", "none", "opacity", "1"));
        reader.children(root, new Presentation(initial).with(root), new AffineTransform());
        return Optional.of(new SvgImage(width, height, viewBox, reader.parts));
    }

    private void children(Element parent, Presentation inherited, AffineTransform transform) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                element(e, inherited, transform);
            }
        }
    }

    private void element(Element e, Presentation inherited, AffineTransform parentTransform) {
        String tag = localName(e);
        if (SILENT.contains(tag)) {
            return;
        }
        Presentation p = inherited.with(e);
        AffineTransform t = new AffineTransform(parentTransform);
        t.concatenate(transform(e.getAttribute("transform")));
        Shape shape = switch (tag) {
            case "g" -> {
                children(e, p, t);
                yield null;
            }
            case "path" -> path(e.getAttribute("d"));
            case "rect" -> rect(e);
            case "circle" -> {
                double r = attr(e, "r");
                yield new Ellipse2D.Double(attr(e, "cx") - r, attr(e, "cy") - r, 2 * r, 2 * r);
            }
            case "ellipse" -> {
                double rx = attr(e, "rx");
                double ry = attr(e, "ry");
                yield new Ellipse2D.Double(attr(e, "cx") - rx, attr(e, "cy") - ry, 2 * rx, 2 * ry);
            }
            case "line" -> new Line2D.Double(attr(e, "x1"), attr(e, "y1"), attr(e, "x2"), attr(e, "y2"));
            case "polyline", "polygon" -> polyline(numbers(e.getAttribute("points")), tag.equals("polygon"));
            default -> {
                problem.accept("SVG graphic " + name + ": element " + tag + " is not drawn");
                yield null;
            }
        };
        if (shape != null) {
            parts.add(part(t.createTransformedShape(shape), p, t));
        }
    }

    private SvgImage.Part part(Shape shape, Presentation p, AffineTransform t) {
        Map<String, String> v = p.values();
        double opacity = number(v.get("opacity"));
        Color fill = color(v.get("fill"), opacity * number(v.getOrDefault("fill-opacity", "1")));
        Color stroke = color(v.get("stroke"), opacity * number(v.getOrDefault("stroke-opacity", "1")));
        // the stroke width scales with the element's transform (its mean scale factor)
        double scale = Math.sqrt(Math.abs(t.getDeterminant()));
        float width = (float) (length(v.getOrDefault("stroke-width", "1"), 1) * (scale > 0 ? scale : 1));
        int cap = switch (v.getOrDefault("stroke-linecap", "butt")) {
            case "round" -> BasicStroke.CAP_ROUND;
            case "square" -> BasicStroke.CAP_SQUARE;
            default -> BasicStroke.CAP_BUTT;
        };
        int join = switch (v.getOrDefault("stroke-linejoin", "miter")) {
            case "round" -> BasicStroke.JOIN_ROUND;
            case "bevel" -> BasicStroke.JOIN_BEVEL;
            default -> BasicStroke.JOIN_MITER;
        };
        return new SvgImage.Part(shape, fill, width > 0 ? stroke : null, new BasicStroke(width, cap, join, 4f));
    }

    private Color color(String value, double opacity) {
        if (value == null || value.equals("none")) {
            return null;
        }
        String v = value.toLowerCase(Locale.ROOT);
        Color c = null;
        if (v.matches("#[0-9a-f]{6}")) {
            c = new Color(Integer.parseInt(v.substring(1), 16));
        } else if (v.matches("#[0-9a-f]{3}")) {
            int r = Character.digit(v.charAt(1), 16);
            int g = Character.digit(v.charAt(2), 16);
            int b = Character.digit(v.charAt(3), 16);
            c = new Color(r * 17, g * 17, b * 17);
        } else if (v.startsWith("rgb(")) {
            double[] n = numbers(v.substring(4));
            c = n.length == 3 ? new Color(clamp(n[0]), clamp(n[1]), clamp(n[2])) : null;
        } else {
            c = NAMED.get(v.equals("currentcolor") ? "black" : v);
        }
        if (c == null) {
            problem.accept("SVG graphic " + name + ": colour " + value + " is not understood; black drawn instead");
            c = Color.BLACK;
        }
        int alpha = clamp(Math.max(0, Math.min(1, opacity)) * 255);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static int clamp(double v) {
        return (int) Math.round(Math.max(0, Math.min(255, v)));
    }

    private static Shape rect(Element e) {
        double rx = attr(e, "rx");
        double ry = e.hasAttribute("ry") ? attr(e, "ry") : rx;
        if (rx > 0 || ry > 0) {
            return new RoundRectangle2D.Double(attr(e, "x"), attr(e, "y"), attr(e, "width"), attr(e, "height"),
                    2 * (rx > 0 ? rx : ry), 2 * (ry > 0 ? ry : rx));
        }
        return new Rectangle2D.Double(attr(e, "x"), attr(e, "y"), attr(e, "width"), attr(e, "height"));
    }

    private static Shape polyline(double[] xy, boolean closed) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i + 1 < xy.length; i += 2) {
            if (i == 0) {
                path.moveTo(xy[i], xy[i + 1]);
            } else {
                path.lineTo(xy[i], xy[i + 1]);
            }
        }
        if (closed) {
            path.closePath();
        }
        return path;
    }

    /** Path data: M L H V C S Q T Z, absolute and relative; arcs are reported and drawn as straight lines. */
    private Shape path(String d) {
        Path2D.Double path = new Path2D.Double();
        Matcher m = Pattern.compile("[MmLlHhVvCcSsQqTtZzAa]|" + NUMBER.pattern()).matcher(d);
        List<String> tokens = new ArrayList<>();
        while (m.find()) {
            tokens.add(m.group());
        }
        char command = 'M';
        double x = 0;
        double y = 0;
        double startX = 0;
        double startY = 0;
        double ctrlX = 0;
        double ctrlY = 0;
        char previous = ' ';
        int i = 0;
        boolean arcReported = false;
        while (i < tokens.size()) {
            String token = tokens.get(i);
            if (Character.isLetter(token.charAt(0))) {
                command = token.charAt(0);
                i++;
                if (command == 'Z' || command == 'z') {
                    path.closePath();
                    x = startX;
                    y = startY;
                    previous = command;
                    continue;
                }
            }
            boolean relative = Character.isLowerCase(command);
            double ox = relative ? x : 0;
            double oy = relative ? y : 0;
            int arity = switch (Character.toUpperCase(command)) {
                case 'H', 'V' -> 1;
                case 'M', 'L', 'T' -> 2;
                case 'S', 'Q' -> 4;
                case 'C' -> 6;
                case 'A' -> 7;
                default -> 0;
            };
            if (arity == 0 || i + arity > tokens.size()) {
                problem.accept("SVG graphic " + name + ": path data is malformed near " + token);
                break;
            }
            double[] a = new double[arity];
            for (int k = 0; k < arity; k++) {
                a[k] = number(tokens.get(i + k));
            }
            i += arity;
            char upper = Character.toUpperCase(command);
            boolean smoothAfterCubic = "CcSs".indexOf(previous) >= 0;
            boolean smoothAfterQuad = "QqTt".indexOf(previous) >= 0;
            switch (upper) {
                case 'M' -> {
                    x = ox + a[0];
                    y = oy + a[1];
                    path.moveTo(x, y);
                    startX = x;
                    startY = y;
                    command = relative ? 'l' : 'L'; // further pairs are line-tos
                }
                case 'L', 'H', 'V' -> {
                    if (upper == 'L') {
                        x = ox + a[0];
                        y = oy + a[1];
                    } else if (upper == 'H') {
                        x = ox + a[0];
                    } else {
                        y = oy + a[0];
                    }
                    path.lineTo(x, y);
                }
                case 'C' -> {
                    path.curveTo(ox + a[0], oy + a[1], ox + a[2], oy + a[3], ox + a[4], oy + a[5]);
                    ctrlX = ox + a[2];
                    ctrlY = oy + a[3];
                    x = ox + a[4];
                    y = oy + a[5];
                }
                case 'S' -> {
                    double c1x = smoothAfterCubic ? 2 * x - ctrlX : x;
                    double c1y = smoothAfterCubic ? 2 * y - ctrlY : y;
                    path.curveTo(c1x, c1y, ox + a[0], oy + a[1], ox + a[2], oy + a[3]);
                    ctrlX = ox + a[0];
                    ctrlY = oy + a[1];
                    x = ox + a[2];
                    y = oy + a[3];
                }
                case 'Q' -> {
                    path.quadTo(ox + a[0], oy + a[1], ox + a[2], oy + a[3]);
                    ctrlX = ox + a[0];
                    ctrlY = oy + a[1];
                    x = ox + a[2];
                    y = oy + a[3];
                }
                case 'T' -> {
                    ctrlX = smoothAfterQuad ? 2 * x - ctrlX : x;
                    ctrlY = smoothAfterQuad ? 2 * y - ctrlY : y;
                    x = ox + a[0];
                    y = oy + a[1];
                    path.quadTo(ctrlX, ctrlY, x, y);
                }
                default -> { // 'A'
                    if (!arcReported) {
                        problem.accept("SVG graphic " + name + ": arc commands are drawn as straight lines");
                        arcReported = true;
                    }
                    x = ox + a[5];
                    y = oy + a[6];
                    path.lineTo(x, y);
                }
            }
            previous = command;
        }
        return path;
    }

    private AffineTransform transform(String text) {
        AffineTransform t = new AffineTransform();
        Matcher m = TRANSFORM.matcher(text);
        while (m.find()) {
            double[] a = numbers(m.group(2));
            switch (m.group(1)) {
                case "matrix" -> {
                    if (a.length == 6) {
                        t.concatenate(new AffineTransform(a));
                    }
                }
                case "translate" -> t.translate(a.length > 0 ? a[0] : 0, a.length > 1 ? a[1] : 0);
                case "scale" -> t.scale(a.length > 0 ? a[0] : 1, a.length > 1 ? a[1] : a.length > 0 ? a[0] : 1);
                default -> { // rotate(angle [cx cy])
                    if (a.length == 3) {
                        t.rotate(Math.toRadians(a[0]), a[1], a[2]);
                    } else if (a.length == 1) {
                        t.rotate(Math.toRadians(a[0]));
                    }
                }
            }
        }
        return t;
    }

    private static String localName(Element e) {
        return e.getLocalName() == null ? e.getTagName() : e.getLocalName();
    }

    private static double attr(Element e, String name) {
        return length(e.getAttribute(name), 0);
    }

    private static double length(String text, double fallback) {
        Matcher m = NUMBER.matcher(text == null ? "" : text.strip());
        return m.lookingAt() ? Double.parseDouble(m.group()) : fallback;
    }

    private static double number(String text) {
        return length(text, 0);
    }

    private static double[] numbers(String text) {
        Matcher m = NUMBER.matcher(text == null ? "" : text);
        List<Double> out = new ArrayList<>();
        while (m.find()) {
            out.add(Double.parseDouble(m.group()));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
