package fr.yseraa.observatory.wfs;

import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** A thin layer over StAX for the documents WFS writes: unchecked exceptions and text elements that skip nulls. */
public final class XmlOutput implements AutoCloseable {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private final XMLStreamWriter w;

    public XmlOutput(OutputStream out) {
        try {
            this.w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new XmlWriteException(e);
        }
    }

    /** Writing failed: the client went away or the stream broke. */
    public static final class XmlWriteException extends RuntimeException {
        XmlWriteException(XMLStreamException cause) {
            super("cannot write XML: " + cause.getMessage(), cause);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws XMLStreamException;
    }

    private XmlOutput run(Step step) {
        try {
            step.run();
            return this;
        } catch (XMLStreamException e) {
            throw new XmlWriteException(e);
        }
    }

    public XmlOutput start(String prefix, String namespace, String local) {
        return run(() -> w.writeStartElement(prefix, local, namespace));
    }

    public XmlOutput empty(String prefix, String namespace, String local) {
        return run(() -> w.writeEmptyElement(prefix, local, namespace));
    }

    public XmlOutput namespace(String prefix, String uri) {
        return run(() -> w.writeNamespace(prefix, uri));
    }

    public XmlOutput attribute(String name, String value) {
        return value == null ? this : run(() -> w.writeAttribute(name, value));
    }

    public XmlOutput attribute(String prefix, String namespace, String name, String value) {
        return value == null ? this : run(() -> w.writeAttribute(prefix, namespace, name, value));
    }

    public XmlOutput text(String text) {
        return text == null ? this : run(() -> w.writeCharacters(text));
    }

    public XmlOutput end() {
        return run(w::writeEndElement);
    }

    /** An element holding text; nothing when the text is null. */
    public XmlOutput element(String prefix, String namespace, String local, String text) {
        if (text == null) {
            return this;
        }
        return start(prefix, namespace, local).text(text).end();
    }

    public XmlOutput flush() {
        return run(w::flush);
    }

    @Override
    public void close() {
        run(() -> {
            w.writeEndDocument();
            w.flush();
            w.close();
        });
    }
}
