package fr.yseraa.observatory.wms.testing;

import fr.yseraa.observatory.core.xml.OgcSchemas;
import fr.yseraa.observatory.core.xml.ProblemCollector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;

/** Validation of answers: XML Schema for WMS 1.3.0, the official DTDs (read offline) for WMS 1.1.1. */
public final class XmlChecks {

    private XmlChecks() {
    }

    public static List<String> schemaProblems(String schemaUrl, byte[] document) throws IOException {
        return OgcSchemas.validate(schemaUrl, new StreamSource(new ByteArrayInputStream(document)));
    }

    /**
     * Problems found validating a document against the DTD its DOCTYPE names; the DTD is read from the offline copy
     * of the OGC schemas, never fetched.
     */
    public static List<String> dtdProblems(byte[] document) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setValidating(true);
        f.setNamespaceAware(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setEntityResolver(XmlChecks::offline);
        ProblemCollector collector = new ProblemCollector();
        b.setErrorHandler(collector);
        List<String> problems = collector.problems();
        b.parse(new ByteArrayInputStream(document));
        return problems;
    }

    public static Document parse(byte[] document) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setEntityResolver(XmlChecks::offline);
        return b.parse(new ByteArrayInputStream(document));
    }

    /** DTDs named by documents, read from the offline copy of the OGC schemas. */
    private static InputSource offline(String publicId, String systemId) throws IOException {
        InputStream in = OgcSchemas.localCopy(systemId).openStream();
        InputSource source = new InputSource(in);
        source.setSystemId(systemId);
        return source;
    }
}
