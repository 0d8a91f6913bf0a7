package fr.yseraa.observatory.core.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import org.junit.jupiter.api.Test;

/** Our XML writer gives, byte for byte, what the JDK's StAX writer gives for the same calls. */
class XmlWriterTest {

    /** Escapes, controls, accents, a character outside the BMP, a long text (past the buffer). */
    private static final String TEXT = "a\"b'c<d>e&f\tg\rh\ni j\u00e9\u20ac\uD83D\uDE00 Æ" + "x&y<".repeat(20_000);

    @Test
    void theOutputIsTheStaxWritersOutput() throws Exception {
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        try (XmlWriter x = new XmlWriter(ours)) {
            x.start("p", "urn:p", "root").namespace("p", "urn:p").namespace("", "urn:default")
                    .attribute("plain", TEXT).attribute("xlink", "urn:xlink", "href", "http://h/?a=1&b=\"2\"")
                    .attribute("skipped", null);
            x.text(TEXT).text(null);
            x.start("p", "urn:p", "nothing").end();
            x.empty("p", "urn:p", "leaf").attribute("k", "v");
            x.element("p", "urn:p", "inner", "Saint-Omer > Clairmarais").element("p", "urn:p", "absent", null);
            x.start("p", "urn:p", "unclosed").start(null, null, "deeper").text("left open");
        }

        ByteArrayOutputStream stax = new ByteArrayOutputStream();
        XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(stax, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("p", "root", "urn:p");
        w.writeNamespace("p", "urn:p");
        w.writeDefaultNamespace("urn:default");
        w.writeAttribute("plain", TEXT);
        w.writeAttribute("xlink", "urn:xlink", "href", "http://h/?a=1&b=\"2\"");
        w.writeCharacters(TEXT);
        w.writeStartElement("p", "nothing", "urn:p");
        w.writeEndElement();
        w.writeEmptyElement("p", "leaf", "urn:p");
        w.writeAttribute("k", "v");
        w.writeStartElement("p", "inner", "urn:p");
        w.writeCharacters("Saint-Omer > Clairmarais");
        w.writeEndElement();
        w.writeStartElement("p", "unclosed", "urn:p");
        w.writeStartElement("deeper");
        w.writeCharacters("left open");
        w.writeEndDocument();
        w.flush();

        assertThat(ours.toString(StandardCharsets.UTF_8)).isEqualTo(stax.toString(StandardCharsets.UTF_8));
        assertThat(ours.toByteArray()).isEqualTo(stax.toByteArray());
    }

    /** The conveniences of the capabilities and WPS documents: DOCTYPE, required and optional elements, CDATA. */
    @Test
    void theConveniencesAreTheStaxWritersOutput() throws Exception {
        String cdata = "<a>\u00e9t\u00e9 ]]> fin]]>";
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        try (XmlWriter x = new XmlWriter(ours)) {
            x.doctype("<!DOCTYPE root SYSTEM \"http://h/root.dtd\">");
            x.start("root").required("Required", null).required("Empty", "").element(null, null, "Text", "t");
            x.elementUnlessBlank(null, null, "Blank", " ").elementUnlessBlank(null, null, "Null", null);
            x.empty("Leaf").start("Data").cdata(cdata).cdata(null).end();
        }

        ByteArrayOutputStream stax = new ByteArrayOutputStream();
        XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(stax, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeDTD("<!DOCTYPE root SYSTEM \"http://h/root.dtd\">");
        w.writeStartElement("root");
        w.writeStartElement("Required");
        w.writeCharacters("");
        w.writeEndElement();
        w.writeStartElement("Empty");
        w.writeCharacters("");
        w.writeEndElement();
        w.writeStartElement("Text");
        w.writeCharacters("t");
        w.writeEndElement();
        w.writeEmptyElement("Leaf");
        w.writeStartElement("Data");
        w.writeCData("<a>\u00e9t\u00e9 ]]");
        w.writeCharacters(">");
        w.writeCData(" fin]]");
        w.writeCharacters(">");
        w.writeCData("");
        w.writeEndElement();
        w.writeEndDocument();
        w.flush();

        assertThat(ours.toString(StandardCharsets.UTF_8)).isEqualTo(stax.toString(StandardCharsets.UTF_8));
    }
}
