package fr.yseraa.observatory.wfs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.xml.OgcSchemas;
import fr.yseraa.observatory.core.xml.StreamInput;
import fr.yseraa.observatory.core.xml.SecureXml;
import fr.yseraa.observatory.core.xml.ProblemCollector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;

/** Schema validation of answers, the official schemas read offline and DescribeFeatureType asked of the service. */
public final class XmlAssertions {

    private XmlAssertions() {
    }

    public static Document parse(byte[] xml) throws Exception {
        return SecureXml.documentBuilderFactory().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** The gml:ids of the features of one type (namespace, local name) a successful answer holds, in order. */
    public static List<String> featureIds(WfsHarness.Answer answer, String namespace, String localName)
            throws Exception {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        org.w3c.dom.NodeList features = parse(answer.body()).getElementsByTagNameNS(namespace, localName);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < features.getLength(); i++) {
            ids.add(((org.w3c.dom.Element) features.item(i)).getAttributeNS("http://www.opengis.net/gml/3.2", "id"));
        }
        return ids;
    }

    /** Asserts the document is valid against one official schema. */
    public static void assertValid(String officialSchema, WfsHarness.Answer answer) throws IOException {
        assertThat(OgcSchemas.validate(officialSchema, new StreamSource(new ByteArrayInputStream(answer.body()))))
                .as(answer.text().substring(0, Math.min(2000, answer.text().length()))).isEmpty();
    }

    /**
     * Asserts a feature document is valid against the schemas its xsi:schemaLocation names: official ones offline,
     * DescribeFeatureType URLs of the test service answered by the service itself.
     */
    public static void assertValidWithFeatureSchemas(WfsHarness fixture, WfsHarness.Answer answer) throws Exception {
        assertValidWithFeatureSchemas(fixture, answer, WfsHarness.PUBLIC);
    }

    /** As {@link #assertValidWithFeatureSchemas(WfsHarness, WfsHarness.Answer)}, the schemas asked by a caller. */
    public static void assertValidWithFeatureSchemas(WfsHarness fixture, WfsHarness.Answer answer, Caller caller)
            throws Exception {
        Document doc = parse(answer.body());
        String[] locations = doc.getDocumentElement()
                .getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation").trim().split("\\s+");
        List<Source> sources = new ArrayList<>();
        for (int i = 1; i < locations.length; i += 2) {
            sources.add(new StreamSource(open(fixture, caller, locations[i]), locations[i]));
        }
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        LSResourceResolver resolver = resolver(fixture, caller);
        factory.setResourceResolver(resolver);
        Schema schema = factory.newSchema(sources.toArray(new Source[0]));
        Validator validator = schema.newValidator();
        validator.setResourceResolver(resolver);
        ProblemCollector collector = new ProblemCollector();
        validator.setErrorHandler(collector);
        List<String> problems = collector.problems();
        validator.validate(new StreamSource(new ByteArrayInputStream(answer.body())));
        assertThat(problems).as(answer.text().substring(0, Math.min(3000, answer.text().length()))).isEmpty();
    }

    /** Resolves official schemas offline and the test service's URLs by asking the service. */
    public static LSResourceResolver resolver(WfsHarness fixture) {
        return resolver(fixture, WfsHarness.PUBLIC);
    }

    private static LSResourceResolver resolver(WfsHarness fixture, Caller caller) {
        return (type, ns, publicId, systemId, baseUri) -> {
            if (systemId == null) {
                return null;
            }
            String absolute = baseUri == null || systemId.startsWith("http") ? systemId
                    : URI.create(baseUri).resolve(systemId).toString();
            return new StreamInput(null, absolute, () -> open(fixture, caller, absolute));
        };
    }

    static InputStream open(WfsHarness fixture, Caller caller, String url) {
        try {
            if (url.startsWith(WfsHarness.URL)) {
                List<String> pairs = new ArrayList<>();
                for (String p : URI.create(url).getRawQuery().split("&")) {
                    String[] kv = p.split("=", 2);
                    pairs.add(java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8));
                    pairs.add(java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
                }
                WfsHarness.Answer a = fixture.kvp(caller, pairs.toArray(new String[0]));
                assertThat(a.status()).as(a.text()).isEqualTo(200);
                return new ByteArrayInputStream(a.body());
            }
            return OgcSchemas.localCopy(url).openStream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
