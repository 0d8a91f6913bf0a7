package fr.yseraa.observatory.wms.capabilities;

import java.math.BigDecimal;
import java.math.RoundingMode;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Small StAX helpers: elements in the document's namespace, optional text elements, number formatting. */
final class XmlOut {

    private final XMLStreamWriter w;
    private final String ns;

    XmlOut(XMLStreamWriter w, String ns) {
        this.w = w;
        this.ns = ns;
    }

    XMLStreamWriter writer() {
        return w;
    }

    void start(String name) throws XMLStreamException {
        if (ns == null) {
            w.writeStartElement(name);
        } else {
            w.writeStartElement(ns, name);
        }
    }

    void empty(String name) throws XMLStreamException {
        if (ns == null) {
            w.writeEmptyElement(name);
        } else {
            w.writeEmptyElement(ns, name);
        }
    }

    void end() throws XMLStreamException {
        w.writeEndElement();
    }

    void attribute(String name, String value) throws XMLStreamException {
        w.writeAttribute(name, value);
    }

    /** An element with text; nothing when the text is null or blank. */
    void text(String name, String text) throws XMLStreamException {
        if (text == null || text.isBlank()) {
            return;
        }
        start(name);
        w.writeCharacters(text);
        end();
    }

    /** An element with text, written even when empty (elements the schema requires). */
    void required(String name, String text) throws XMLStreamException {
        start(name);
        w.writeCharacters(text == null ? "" : text);
        end();
    }

    /** A coordinate without needless digits: 8 decimals at most. */
    static String number(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
