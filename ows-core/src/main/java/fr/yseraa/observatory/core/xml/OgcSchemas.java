package fr.yseraa.observatory.core.xml;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * The official OGC schemas, read offline from the {@code org.jvnet.ogc:ogc-schemas} and
 * {@code org.hisrc.w3c:w3c-schemas} jars: {@code http://schemas.opengis.net/X} resolves to {@code ogc/X} and
 * {@code http://www.w3.org/X} to {@code w3c/X} on the class path. Compiled schemas are cached.
 */
public final class OgcSchemas {

    private static final String OGC = "http://schemas.opengis.net/";
    private static final String W3C = "http://www.w3.org/";
    private static final ConcurrentMap<String, Schema> CACHE = new ConcurrentHashMap<>();

    private OgcSchemas() {
    }

    /** The schema at an official location, e.g. {@code http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd}. */
    public static Schema schema(String officialUrl) {
        return schema(List.of(officialUrl));
    }

    /**
     * One schema made of several official schemas, for documents that mix namespaces the first does not import
     * (an FES 2.0 filter holding GML 3.2 geometries...).
     */
    public static Schema schema(List<String> officialUrls) {
        return CACHE.computeIfAbsent(String.join(" ", officialUrls), k -> compile(officialUrls));
    }

    /** Validates a document; returns the problems found (line: message), empty when valid. */
    public static List<String> validate(String officialSchemaUrl, Source document) throws IOException {
        return validate(List.of(officialSchemaUrl), document);
    }

    /** Validates a document against several official schemas together (see {@link #schema(List)}). */
    public static List<String> validate(List<String> officialSchemaUrls, Source document) throws IOException {
        Validator validator = schema(officialSchemaUrls).newValidator();
        validator.setResourceResolver(RESOLVER);
        ProblemCollector collector = new ProblemCollector();
        validator.setErrorHandler(collector);
        List<String> problems = collector.problems();
        try {
            validator.validate(document);
        } catch (SAXException e) {
            if (problems.isEmpty()) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    private static Schema compile(List<String> officialUrls) {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setResourceResolver(RESOLVER);
        try {
            Source[] sources = new Source[officialUrls.size()];
            for (int i = 0; i < sources.length; i++) {
                sources[i] = new StreamSource(localCopy(officialUrls.get(i)).openStream(), officialUrls.get(i));
            }
            return factory.newSchema(sources);
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("cannot compile schema " + officialUrls + ": " + e.getMessage(), e);
        }
    }

    /** The class-path copy of an official schema. */
    public static URL localCopy(String officialUrl) {
        String resource;
        if (officialUrl.startsWith(OGC)) {
            resource = "ogc/" + officialUrl.substring(OGC.length());
        } else if (officialUrl.startsWith(W3C)) {
            resource = "w3c/" + officialUrl.substring(W3C.length());
        } else {
            throw new IllegalArgumentException("no offline copy of " + officialUrl);
        }
        URL url = OgcSchemas.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no offline copy of " + officialUrl + " (looked for " + resource + ")");
        }
        return url;
    }

    private static final LSResourceResolver RESOLVER = (type, namespace, publicId, systemId, baseUri) -> {
        if (systemId == null) {
            return null;
        }
        String absolute = baseUri == null ? systemId : URI.create(baseUri).resolve(systemId).toString();
        return new StreamInput(publicId, absolute, () -> {
            try {
                return localCopy(absolute).openStream();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read offline schema " + absolute, e);
            }
        });
    };
}
