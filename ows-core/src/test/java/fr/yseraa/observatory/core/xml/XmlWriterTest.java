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

    /** What XML 1.0 forbids (issue 18): whatever a message echoes, the document parses. */
    @Test
    void charactersXmlForbidsAreReplacedSoTheDocumentIsAlwaysWellFormed() throws Exception {
        String hostile = "a\u0000b\u0001c\u000Bd\u001Fe\uFFFEf\uFFFFg\uD800h\uDC00i\uD83D\uDE00j\u0085k";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XmlWriter x = new XmlWriter(out)) {
            x.start("r").attribute("a", hostile).text(hostile).start("c").cdata(hostile).end();
        }
        var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        var root = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(out.toByteArray())).getDocumentElement();
        String expected = "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\uFFFDi\uD83D\uDE00j\u0085k";
        assertThat(root.getAttribute("a")).isEqualTo(expected);
        assertThat(root.getFirstChild().getNodeValue()).isEqualTo(expected);
        assertThat(root.getLastChild().getTextContent()).isEqualTo(expected);
        assertThat(XmlChars.firstForbidden(expected)).isEqualTo(-1);
        assertThat(XmlChars.firstForbidden("ok\uD800")).isEqualTo(2);
    }

    @Test
    void echoedTextIsCutWithoutSplittingASurrogatePair() {
        assertThat(XmlChars.cut("short", 10)).isEqualTo("short");
        assertThat(XmlChars.cut("x".repeat(9) + "\uD83D\uDE00", 10)).isEqualTo("x".repeat(9) + "… (11 characters)");
        assertThat(XmlChars.cut(null, 10)).isNull();
    }
}
