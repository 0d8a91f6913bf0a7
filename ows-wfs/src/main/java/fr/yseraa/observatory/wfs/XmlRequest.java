package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.xml.SecureXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** An XML POST request body, parsed without DTDs or external entities, with helpers to walk it by local name. */
public final class XmlRequest {

    private final Element root;

    private XmlRequest(Element root) {
        this.root = root;
    }

    public static XmlRequest parse(byte[] body) {
        try {
            var builder = SecureXml.documentBuilderFactory().newDocumentBuilder();
            builder.setErrorHandler(null);
            return new XmlRequest(builder.parse(new ByteArrayInputStream(body)).getDocumentElement());
        } catch (SAXException | IOException e) {
            throw new OwsException(OwsExceptionCode.OPERATION_PARSING_FAILED, null,
                    "The request body is not well-formed XML: " + SecureXml.problem(e));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    public Element root() {
        return root;
    }

    /** The child elements of an element with a local name. */
    public static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    public static Optional<Element> child(Element parent, String localName) {
        List<Element> c = children(parent, localName);
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
    }

    /** An attribute's value, or null when absent or blank. */
    public static String attribute(Element e, String name) {
        String v = e.getAttribute(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public static String text(Element e) {
        return e.getTextContent().trim();
    }

    /** The namespace a prefix is bound to where the element is, or null. */
    public static String namespaceOf(Element e, String prefix) {
        return e.lookupNamespaceURI(prefix);
    }
}
