package fr.yseraa.observatory.csw.request;

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

/** Reading CSW XML requests: the body's root element and its children by local name. */
public final class XmlRequest {

    private XmlRequest() {
    }

    /** The document's root element; malformed XML answers OperationParsingFailed. */
    public static Element root(byte[] body) {
        try {
            var builder = SecureXml.documentBuilderFactory().newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new OwsException(OwsExceptionCode.OPERATION_PARSING_FAILED, null,
                    "The request body is not well-formed XML: " + SecureXml.problem(e));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Element> children(Element e, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && (localName == null || localName.equals(c.getLocalName()))) {
                out.add(c);
            }
        }
        return out;
    }

    public static Optional<Element> child(Element e, String localName) {
        List<Element> all = children(e, localName);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    public static Optional<String> text(Element e, String localName) {
        return child(e, localName).map(c -> c.getTextContent().trim());
    }

    /** An attribute, empty when absent. */
    public static Optional<String> attribute(Element e, String name) {
        return e.hasAttribute(name) ? Optional.of(e.getAttribute(name)) : Optional.empty();
    }
}
