package fr.yseraa.observatory.wms.style;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.w3c.dom.Element;

/** Reads symbolizers and their parts (fill, stroke, graphic, font, label, placement) of SLD 1.0 and SE 1.1. */
final class SymbolizerParser {

    private static final String XLINK_NS = "http://www.w3.org/1999/xlink";

    private final ParseContext ctx;
    private final GraphicLoader graphics;

    SymbolizerParser(ParseContext ctx, GraphicLoader graphics) {
        this.ctx = ctx;
        this.graphics = graphics;
    }

    /** The symbolizer an element of a rule is, or empty when it is not one. */
    Optional<Symbolizer> parse(Element e) {
        Symbolizer s = switch (e.getLocalName()) {
            case "PointSymbolizer" -> new PointSymbolizer(graphic(ctx.child(e, "Graphic")));
            case "LineSymbolizer" -> new LineSymbolizer(stroke(ctx.child(e, "Stroke")),
                    ctx.childNumber(e, "PerpendicularOffset", 0));
            case "PolygonSymbolizer" -> {
                Element fill = ctx.child(e, "Fill");
                Element stroke = ctx.child(e, "Stroke");
                yield new PolygonSymbolizer(fill == null ? null : fill(fill), stroke == null ? null : stroke(stroke));
            }
            case "TextSymbolizer" -> text(e);
            default -> null;
        };
        if (s == null) {
            return Optional.empty();
        }
        ctx.markRead(e, false);
        ctx.children(e, "Name").forEach(n -> ctx.markRead(n, true));
        ctx.children(e, "Description").forEach(n -> ctx.markRead(n, true));
        return Optional.of(s);
    }

    private TextSymbolizer text(Element e) {
        Element label = ctx.child(e, "Label");
        Element font = ctx.child(e, "Font");
        Element halo = ctx.child(e, "Halo");
        Element placement = ctx.child(e, "LabelPlacement");
        Element fill = ctx.child(e, "Fill");
        Element priority = ctx.child(e, "Priority");
        return new TextSymbolizer(
                label == null ? new LabelTemplate(List.of()) : label(label),
                font == null ? Font.DEFAULT : font(font),
                halo == null ? null : new Halo(ctx.childNumber(halo, "Radius", 1),
                        fillOr(ctx.child(halo, "Fill"), new Fill(Color.WHITE, 1, null))),
                placement == null ? PointPlacement.DEFAULT : placement(placement),
                fillOr(fill, new Fill(Color.BLACK, 1, null)),
                priority == null ? null : value(priority));
    }

    private Fill fillOr(Element fill, Fill fallback) {
        return fill == null ? fallback : fill(fill);
    }

    private LabelTemplate label(Element label) {
        List<ValueExpression> parts = new ArrayList<>();
        for (org.w3c.dom.Node n = label.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                ctx.markRead(el, false);
                switch (el.getLocalName()) {
                    case "PropertyName" -> parts.add(new ValueExpression.Property(el.getTextContent().strip()));
                    case "Literal" -> parts.add(new ValueExpression.Literal(el.getTextContent()));
                    default -> {
                        ctx.markRead(el, true);
                        ctx.warn(el, "label expression " + el.getLocalName() + " is not supported; left out");
                    }
                }
            } else if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE || n.getNodeType() == org.w3c.dom.Node.CDATA_SECTION_NODE) {
                String text = n.getNodeValue();
                if (!text.isBlank()) {
                    parts.add(new ValueExpression.Literal(text));
                }
            }
        }
        return new LabelTemplate(parts);
    }

    private ValueExpression value(Element e) {
        List<Element> content = ParseContext.elements(e);
        if (content.size() == 1 && content.get(0).getLocalName().equals("PropertyName")) {
            ctx.markRead(content.get(0), true);
            return new ValueExpression.Property(content.get(0).getTextContent().strip());
        }
        String literal = ctx.literal(e);
        return literal == null ? null : new ValueExpression.Literal(literal);
    }

    private LabelPlacement placement(Element e) {
        Element line = ctx.child(e, "LinePlacement");
        if (line != null) {
            return new LinePlacement(ctx.childNumber(line, "PerpendicularOffset", 0));
        }
        Element point = ctx.child(e, "PointPlacement");
        if (point == null) {
            return PointPlacement.DEFAULT;
        }
        Element anchor = ctx.child(point, "AnchorPoint");
        Element displacement = ctx.child(point, "Displacement");
        return new PointPlacement(
                anchor == null ? 0 : ctx.childNumber(anchor, "AnchorPointX", 0),
                anchor == null ? 0.5 : ctx.childNumber(anchor, "AnchorPointY", 0.5),
                displacement == null ? 0 : ctx.childNumber(displacement, "DisplacementX", 0),
                displacement == null ? 0 : ctx.childNumber(displacement, "DisplacementY", 0),
                ctx.childNumber(point, "Rotation", 0));
    }

    Graphic graphic(Element g) {
        if (g == null) {
            return new Graphic(new Mark("square", Fill.DEFAULT, Stroke.DEFAULT), 1, 6, 0);
        }
        GraphicSymbol symbol = null;
        for (Element e : ParseContext.elements(g)) {
            boolean mark = e.getLocalName().equals("Mark");
            if (!mark && !e.getLocalName().equals("ExternalGraphic")) {
                continue;
            }
            if (symbol != null) {
                ctx.markRead(e, true);
                ctx.warn(e, "alternative graphic not used (the first usable one is drawn)");
                continue;
            }
            ctx.markRead(e, false);
            symbol = mark ? mark(e) : externalGraphic(e);
        }
        if (symbol == null) {
            symbol = new Mark("square", Fill.DEFAULT, Stroke.DEFAULT);
        }
        return new Graphic(symbol, ctx.childNumber(g, "Opacity", 1), ctx.childNumber(g, "Size", 6),
                ctx.childNumber(g, "Rotation", 0));
    }

    private GraphicSymbol mark(Element e) {
        String name = ctx.childText(e, "WellKnownName");
        String wkn = name == null ? "square" : name.toLowerCase(Locale.ROOT);
        if (!Mark.WELL_KNOWN_NAMES.contains(wkn)) {
            ctx.warn(e, "unknown mark " + name + "; square drawn instead");
            wkn = "square";
        }
        Element fill = ctx.child(e, "Fill");
        Element stroke = ctx.child(e, "Stroke");
        // SLD: a mark without Fill is grey-filled, without Stroke black-stroked
        return new Mark(wkn, fill == null ? Fill.DEFAULT : fill(fill), stroke == null ? Stroke.DEFAULT : stroke(stroke));
    }

    private GraphicSymbol externalGraphic(Element e) {
        Element resource = ctx.child(e, "OnlineResource");
        String format = ctx.childText(e, "Format");
        ctx.children(e, "InlineContent").forEach(c -> ctx.markRead(c, false));
        if (resource == null) {
            ctx.warn(e, "external graphic without OnlineResource");
            return null;
        }
        String href = resource.getAttributeNS(XLINK_NS, "href");
        return graphics.load(href, format, problem -> ctx.warn(e, problem))
                .map(image -> new ExternalGraphic(href, image)).orElse(null);
    }

    Fill fill(Element e) {
        Color color = Fill.DEFAULT.color();
        double opacity = 1;
        Graphic graphicFill = null;
        Element gf = ctx.child(e, "GraphicFill");
        if (gf != null) {
            graphicFill = graphic(ctx.child(gf, "Graphic"));
        }
        for (Element p : parameters(e)) {
            String name = p.getAttribute("name");
            String v = ctx.literal(p);
            if (v == null) {
                continue;
            }
            switch (name) {
                case "fill" -> color = color(p, v, color);
                case "fill-opacity" -> opacity = ctx.number(p, 1);
                default -> ctx.warn(p, "fill parameter " + name + " is not supported");
            }
        }
        return new Fill(color, opacity, graphicFill);
    }

    Stroke stroke(Element e) {
        if (e == null) {
            return Stroke.DEFAULT;
        }
        Color color = Color.BLACK;
        double width = 1;
        double opacity = 1;
        float[] dashes = null;
        String cap = "butt";
        String join = "miter";
        for (Element p : parameters(e)) {
            String name = p.getAttribute("name");
            String v = ctx.literal(p);
            if (v == null) {
                continue;
            }
            switch (name) {
                case "stroke" -> color = color(p, v, color);
                case "stroke-width" -> width = ctx.number(p, 1);
                case "stroke-opacity" -> opacity = ctx.number(p, 1);
                case "stroke-dasharray" -> dashes = dashes(p, v);
                case "stroke-linecap" -> cap = oneOf(p, v, cap, "butt", "round", "square");
                case "stroke-linejoin" -> join = oneOf(p, v, join, "miter", "mitre", "round", "bevel");
                default -> ctx.warn(p, "stroke parameter " + name + " is not supported");
            }
        }
        return new Stroke(color, width, opacity, dashes, cap, join);
    }

    private Font font(Element e) {
        Font f = Font.DEFAULT;
        String family = f.family();
        boolean italic = false;
        boolean bold = false;
        double size = f.size();
        for (Element p : parameters(e)) {
            String name = p.getAttribute("name");
            String v = ctx.literal(p);
            if (v == null) {
                continue;
            }
            switch (name) {
                case "font-family" -> family = v;
                case "font-style" -> italic = !oneOf(p, v, "normal", "normal", "italic", "oblique").equals("normal");
                case "font-weight" -> bold = oneOf(p, v, "normal", "normal", "bold").equals("bold");
                case "font-size" -> size = ctx.number(p, size);
                default -> ctx.warn(p, "font parameter " + name + " is not supported");
            }
        }
        return new Font(family, italic, bold, size);
    }

    /** CssParameter (SLD 1.0) and SvgParameter (SE 1.1) children, marked as read. */
    private List<Element> parameters(Element e) {
        List<Element> out = new ArrayList<>(ctx.children(e, "CssParameter"));
        out.addAll(ctx.children(e, "SvgParameter"));
        return out;
    }

    private String oneOf(Element p, String v, String fallback, String... allowed) {
        String lower = v.toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(lower)) {
                return a.equals("mitre") ? "miter" : a;
            }
        }
        ctx.warn(p, "'" + v + "' is not one of " + String.join(", ", allowed) + "; " + fallback + " used");
        return fallback;
    }

    private Color color(Element p, String v, Color fallback) {
        if (v.matches("#[0-9a-fA-F]{6}")) {
            return new Color(Integer.parseInt(v.substring(1), 16));
        }
        ctx.warn(p, "colour '" + v + "' is not #RRGGBB; " + String.format("#%06X", fallback.getRGB() & 0xFFFFFF) + " used");
        return fallback;
    }

    private float[] dashes(Element p, String v) {
        String[] parts = v.strip().split("[\\s,]+");
        float[] out = new float[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                out[i] = Float.parseFloat(parts[i]);
                if (out[i] < 0) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            ctx.warn(p, "dash array '" + v + "' is not a list of non-negative numbers; solid line used");
            return null;
        }
        double sum = 0;
        for (float f : out) {
            sum += f;
        }
        return sum > 0 ? out : null;
    }
}
