import fr.yseraa.observatory.core.xml.OgcSchemas;
import fr.yseraa.observatory.core.xml.SecureXml;
import fr.yseraa.observatory.core.xml.StreamInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Element;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates the XML answers bench/lib/recording_proxy.py recorded (NNNNN.xml, with the request in NNNNN.txt) against
 * the schemas they name in xsi:schemaLocation: the official OGC schemas read offline (ows-core's OgcSchemas), this
 * server's application schemas (DescribeFeatureType) read from it. An answer that is itself a schema must compile.
 * Prints one line per invalid answer and a count; exits 1 when any answer is invalid or names no schema.
 *   usage: java -cp OWS_CORE_JAR:OGC_SCHEMAS_JAR:W3C_SCHEMAS_JAR ValidateResponses.java DIR BASE_URL
 * BASE_URL is where the requests went (the proxy, still running): a schema answer's relative imports resolve there.
 */
public class ValidateResponses {

    private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    private static final Map<String, Schema> SCHEMAS = new HashMap<>();
    private static String base;

    /** Official schemas from their offline copies; any other location (this server's) read as it is. */
    private static final LSResourceResolver RESOLVER = (type, namespace, publicId, systemId, baseUri) -> {
        if (systemId == null) {
            return null;
        }
        String absolute = baseUri == null ? systemId : URI.create(baseUri).resolve(systemId).toString();
        return new StreamInput(publicId, absolute, () -> open(absolute));
    };

    public static void main(String[] args) throws Exception {
        base = args[1];
        List<Path> answers;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            answers = files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        int invalid = 0;
        for (Path answer : answers) {
            List<String> problems = problems(answer);
            if (!problems.isEmpty()) {
                invalid++;
                System.out.println("INVALID " + answer.getFileName() + " (" + requestPath(answer) + "): "
                        + String.join(" | ", problems.subList(0, Math.min(3, problems.size()))));
            }
        }
        System.out.println("XML answers valid against their schemas: " + (answers.size() - invalid) + " of "
                + answers.size());
        System.exit(invalid == 0 && !answers.isEmpty() ? 0 : 1);
    }

    private static List<String> problems(Path answer) throws Exception {
        Element root = SecureXml.documentBuilderFactory().newDocumentBuilder().parse(answer.toFile())
                .getDocumentElement();
        if (XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(root.getNamespaceURI())) {
            try (InputStream bytes = Files.newInputStream(answer)) {
                factory().newSchema(new StreamSource(bytes, base + requestPath(answer)));
                return List.of();
            } catch (SAXException e) {
                return List.of("not a valid schema: " + e.getMessage());
            }
        }
        String[] pairs = root.getAttributeNS(XSI, "schemaLocation").trim().split("\\s+");
        if (pairs.length < 2) {
            return List.of("names no schema (no xsi:schemaLocation)");
        }
        List<String> locations = new ArrayList<>();
        for (int i = 1; i < pairs.length; i += 2) {
            locations.add(pairs[i]);
        }
        Validator validator = schema(locations).newValidator();
        validator.setResourceResolver(RESOLVER);
        List<String> problems = new ArrayList<>();
        validator.setErrorHandler(collector(problems));
        try {
            validator.validate(new StreamSource(answer.toFile()));
        } catch (SAXException e) {
            if (problems.isEmpty()) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    /** The path and query of the recorded request (its NNNNN.txt starts with "METHOD PATH"). */
    private static String requestPath(Path answer) throws IOException {
        String line = Files.readAllLines(answer.resolveSibling(answer.getFileName().toString().replace(".xml", ".txt")))
                .get(0);
        return line.substring(line.indexOf(' ') + 1);
    }

    private static Schema schema(List<String> locations) {
        return SCHEMAS.computeIfAbsent(String.join(" ", locations), k -> {
            Source[] sources = locations.stream().map(l -> new StreamSource(open(l), l)).toArray(Source[]::new);
            try {
                return factory().newSchema(sources);
            } catch (SAXException e) {
                throw new IllegalStateException("cannot compile " + locations + ": " + e.getMessage(), e);
            }
        });
    }

    private static SchemaFactory factory() {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setResourceResolver(RESOLVER);
        return factory;
    }

    private static InputStream open(String location) {
        try {
            boolean official = location.startsWith("http://schemas.opengis.net/")
                    || location.startsWith("http://www.w3.org/");
            return official ? OgcSchemas.localCopy(location).openStream() : new URL(location).openStream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }

    private static ErrorHandler collector(List<String> problems) {
        return new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                problems.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                problems.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }
        };
    }
}
