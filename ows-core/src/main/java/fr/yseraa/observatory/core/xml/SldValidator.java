package fr.yseraa.observatory.core.xml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;

/**
 * Checks that a style document is SLD 1.0.0, SLD 1.1.0 or a Symbology Encoding 1.1 FeatureTypeStyle, valid against
 * the official schema its root element and version name.
 */
public final class SldValidator {

    private static final String SLD_NS = "http://www.opengis.net/sld";
    private static final String SE_NS = "http://www.opengis.net/se";

    private SldValidator() {
    }

    /** The problems found in a style file (empty when it is valid). */
    public static List<String> validate(Path file) {
        try {
            String schema = schemaFor(file);
            try (InputStream in = Files.newInputStream(file)) {
                return OgcSchemas.validate(schema, new StreamSource(in, file.toUri().toString()));
            }
        } catch (IOException e) {
            return List.of("cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
    }

    private static String schemaFor(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = SecureXml.inputFactory().createXMLStreamReader(in);
            while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                // skip the prolog
            }
            if (!r.isStartElement()) {
                throw new IllegalArgumentException("no root element: not an SLD document");
            }
            String ns = r.getNamespaceURI();
            String name = r.getLocalName();
            String version = r.getAttributeValue(null, "version");
            if (SLD_NS.equals(ns) && "StyledLayerDescriptor".equals(name)) {
                if ("1.0.0".equals(version)) {
                    return "http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd";
                }
                if ("1.1.0".equals(version)) {
                    return "http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd";
                }
                throw new IllegalArgumentException("StyledLayerDescriptor version must be 1.0.0 or 1.1.0, not " + version);
            }
            if (SE_NS.equals(ns) && "FeatureTypeStyle".equals(name)) {
                return "http://schemas.opengis.net/se/1.1.0/FeatureStyle.xsd";
            }
            throw new IllegalArgumentException("root element {" + ns + "}" + name
                    + " is neither sld:StyledLayerDescriptor nor se:FeatureTypeStyle");
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage());
        }
    }
}
