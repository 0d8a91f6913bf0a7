package fr.yseraa.observatory.core.xml;

import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import org.xml.sax.SAXParseException;

/**
 * XML parser factories hardened against XXE (no DTD, no external entities, no external schema fetch) and bounded:
 * elements nested at most {@link #MAX_DEPTH} deep (a deeper document would exhaust the stack of the readers that walk
 * it), no more than {@link #MAX_ATTRIBUTES} attributes on an element, entity expansion and the size of a text node
 * bounded by the JDK's limits, which are set here rather than left to system properties. Every XML the server reads
 * (POST bodies of every service, SLD_BODY, FES in KVP, style files) is parsed by these factories.
 */
public final class SecureXml {

    /** The deepest nesting of elements a document may have (the deepest OGC request nests about twenty). */
    public static final int MAX_DEPTH = 100;
    public static final int MAX_ATTRIBUTES = 100;
    private static final int MAX_ENTITY_EXPANSIONS = 1000;
    private static final int MAX_TEXT_SIZE = 50 * 1024 * 1024;

    private SecureXml() {
    }

    public static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        limits().forEach(f::setProperty);
        return f;
    }

    public static DocumentBuilderFactory documentBuilderFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be hardened", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        limits().forEach(f::setAttribute);
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }

    /** The JDK parser's processing limits (JAXP's {@code jdk.xml.*} properties), the same for DOM and StAX. */
    private static Map<String, Object> limits() {
        return Map.of("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH),
                "jdk.xml.elementAttributeLimit", Integer.toString(MAX_ATTRIBUTES),
                "jdk.xml.entityExpansionLimit", Integer.toString(MAX_ENTITY_EXPANSIONS),
                "jdk.xml.maxGeneralEntitySizeLimit", Integer.toString(MAX_TEXT_SIZE),
                "jdk.xml.totalEntitySizeLimit", Integer.toString(MAX_TEXT_SIZE));
    }

    /**
     * Where a document failed to parse, in our words ("at line 3, column 14", or that it nests too deep), for a
     * client's report: the parser's own message stays in the server (it names parser internals).
     */
    public static String problem(Exception e) {
        String text = String.valueOf(e.getMessage());
        String where = "";
        if (e instanceof SAXParseException p && p.getLineNumber() > 0) {
            where = " at line " + p.getLineNumber() + ", column " + p.getColumnNumber();
        } else if (e instanceof XMLStreamException x && x.getLocation() != null && x.getLocation().getLineNumber() > 0) {
            where = " at line " + x.getLocation().getLineNumber() + ", column " + x.getLocation().getColumnNumber();
        }
        if (text.contains("maxElementDepth")) {
            return "elements are nested too deeply (more than " + MAX_DEPTH + " levels)" + where;
        }
        if (text.contains("elementAttributeLimit")) {
            return "an element has more than " + MAX_ATTRIBUTES + " attributes" + where;
        }
        if (text.contains("DOCTYPE") || text.contains("DTD")) {
            return "document type declarations are not allowed" + where;
        }
        return "not well-formed" + where;
    }
}
