package fr.yseraa.observatory.csw;

import fr.yseraa.observatory.core.xml.XmlWriter;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Writes a DOM element (a request echoed by {@code resultType=validate}, a schema of DescribeRecord) through the
 * streaming writer: elements, namespace declarations, attributes and text.
 */
final class DomCopy {

    private DomCopy() {
    }

    static void write(XmlWriter x, Element e) {
        x.start(e.getPrefix(), e.getNamespaceURI(), e.getLocalName());
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if ("xmlns".equals(a.getPrefix())) {
                x.namespace(a.getLocalName(), a.getValue());
            } else if ("xmlns".equals(a.getName())) {
                x.namespace("", a.getValue());
            } else {
                x.attribute(a.getName(), a.getValue());
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                write(x, child);
            } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                x.text(n.getNodeValue());
            }
        }
        x.end();
    }
}
