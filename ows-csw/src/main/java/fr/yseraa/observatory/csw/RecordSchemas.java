package fr.yseraa.observatory.csw;

import fr.yseraa.observatory.core.xml.OgcSchemas;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.csw.record.DublinCoreWriter;
import fr.yseraa.observatory.csw.record.IsoRecordWriter;
import fr.yseraa.observatory.csw.request.XmlRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** DescribeRecord's answer: the official schema of each record type, read from the offline OGC schemas. */
final class RecordSchemas {

    static final List<String> LANGUAGES = List.of("http://www.w3.org/XML/Schema", "XMLSCHEMA",
            "http://www.w3.org/2001/XMLSchema");
    private static final String CSW = DublinCoreWriter.CSW;

    /** The record types and the schema document that declares each. */
    enum Type {
        RECORD("Record", CSW, "http://schemas.opengis.net/csw/2.0.2/record.xsd"),
        MD_METADATA("MD_Metadata", IsoRecordWriter.GMD,
                "http://schemas.opengis.net/iso/19139/20070417/gmd/metadataEntity.xsd");

        final String localName;
        final String namespace;
        final String schema;

        Type(String localName, String namespace, String schema) {
            this.localName = localName;
            this.namespace = namespace;
            this.schema = schema;
        }

        static Optional<Type> of(String qualified) {
            String local = qualified.substring(qualified.indexOf(':') + 1).trim();
            for (Type t : values()) {
                if (t.localName.equals(local)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    private RecordSchemas() {
    }

    static void write(List<Type> types, OutputStream out) {
        try (XmlWriter x = new XmlWriter(out)) {
            x.start("csw", CSW, "DescribeRecordResponse").namespace("csw", CSW)
                    .namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
                    .attribute("xsi", "http://www.w3.org/2001/XMLSchema-instance", "schemaLocation",
                            CSW + " http://schemas.opengis.net/csw/2.0.2/CSW-discovery.xsd");
            for (Type t : types) {
                x.start("csw", CSW, "SchemaComponent").attribute("targetNamespace", t.namespace)
                        .attribute("schemaLanguage", LANGUAGES.get(0));
                try (InputStream in = OgcSchemas.localCopy(t.schema).openStream()) {
                    DomCopy.write(x, XmlRequest.root(in.readAllBytes()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                x.end();
            }
        }
    }
}
