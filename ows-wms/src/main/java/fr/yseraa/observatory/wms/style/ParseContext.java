package fr.yseraa.observatory.wms.style;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reading state of one style document: the elements the parser understood and the warnings it gave. Whatever
 * element was not understood is reported at the end ({@link #reportUnread(Element)}), so no part of a style is
 * ignored silently. Elements are matched on local name, so that SLD 1.0 and SE 1.1 read alike.
 */
final class ParseContext {

    static final String OGC_NS = "http://www.opengis.net/ogc";

    private final Set<Node> read = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<String> warnings = new ArrayList<>();

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    void warn(Element where, String message) {
        warnings.add(path(where) + ": " + message);
    }

    /** Marks an element (and optionally all it contains) as understood. */
    void markRead(Element e, boolean withContent) {
        read.add(e);
        if (withContent) {
            for (Element c : elements(e)) {
                markRead(c, true);
            }
        }
    }

    /** The first child element of that local name, marked as read; null when absent. */
    Element child(Element parent, String localName) {
        for (Element c : elements(parent)) {
            if (c.getLocalName().equals(localName)) {
                read.add(c);
                return c;
            }
        }
        return null;
    }

    /** All child elements of that local name, marked as read. */
    List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Element c : elements(parent)) {
            if (c.getLocalName().equals(localName)) {
                read.add(c);
                out.add(c);
            }
        }
        return out;
    }

    /** The trimmed text of a child element, or null. */
    String childText(Element parent, String localName) {
        Element c = child(parent, localName);
        return c == null ? null : c.getTextContent().strip();
    }

    /** A number from a child element that must hold a literal, or the default. */
    double childNumber(Element parent, String localName, double fallback) {
        Element c = child(parent, localName);
        return c == null ? fallback : number(c, fallback);
    }

    /** A number held by an element (literal text or ogc:Literal), or the default with a warning. */
    double number(Element e, double fallback) {
        String text = literal(e);
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException ex) {
            warn(e, "'" + text + "' is not a number; " + fallback + " used");
            return fallback;
        }
    }

    /**
     * The literal value of a parameter element (text, or an ogc:Literal child); null with a warning when the value is
     * computed (ogc:PropertyName, ogc:Function...), which parameters do not support yet.
     */
    String literal(Element e) {
        List<Element> content = elements(e);
        if (content.isEmpty()) {
            return e.getTextContent().strip();
        }
        if (content.size() == 1 && content.get(0).getLocalName().equals("Literal")) {
            read.add(content.get(0));
            return content.get(0).getTextContent().strip();
        }
        for (Element c : content) {
            markRead(c, true);
        }
        warn(e, "computed values (" + content.get(0).getLocalName() + ") are not supported here; default used");
        return null;
    }

    /** Reports every element no parser read, once per unread subtree. */
    void reportUnread(Element root) {
        for (Element c : elements(root)) {
            if (!read.contains(c)) {
                warn(c, "unsupported element " + c.getLocalName() + " ignored");
            } else {
                reportUnread(c);
            }
        }
    }

    static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                out.add(el);
            }
        }
        return out;
    }

    /** A readable location: the chain of element names, with the names of rules and styles. */
    static String path(Element e) {
        List<String> parts = new ArrayList<>();
        for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
            String part = el.getLocalName();
            if (part.equals("Rule") || part.equals("UserStyle") || part.equals("FeatureTypeStyle")
                    || part.equals("NamedLayer")) {
                for (Element c : elements(el)) {
                    if (c.getLocalName().equals("Name")) {
                        part += "[" + c.getTextContent().strip() + "]";
                        break;
                    }
                }
            }
            parts.add(0, part);
        }
        return String.join("/", parts);
    }
}
