package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.xml.SecureXml;
import fr.yseraa.observatory.wps.process.InputValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSSerializer;
import org.xml.sax.SAXException;

/**
 * Reads WPS 1.0.0 XML requests (DescribeProcess, Execute) with the project's hardened parser: a document type
 * declaration is refused, so no entity, internal or external, is ever expanded.
 */
final class XmlRequestReader {

    static final String WPS = WpsDocuments.WPS;
    static final String OWS = WpsDocuments.OWS;

    private XmlRequestReader() {
    }

    static Element parse(byte[] body) {
        try {
            var builder = SecureXml.documentBuilderFactory().newDocumentBuilder();
            builder.setErrorHandler(null); // failures surface as the exception below, not on stderr
            Document doc = builder.parse(new ByteArrayInputStream(body));
            return doc.getDocumentElement();
        } catch (SAXException e) {
            throw new OwsException(OwsExceptionCode.OPERATION_PARSING_FAILED, null,
                    "The request is not a well-formed XML document without DTD: " + SecureXml.problem(e));
        } catch (IOException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot read the request body", e);
        }
    }

    /** The identifiers of a DescribeProcess request. */
    static List<String> describeProcessIdentifiers(byte[] body) {
        Element root = parse(body);
        List<String> ids = new ArrayList<>();
        for (Element e : children(root, OWS, "Identifier")) {
            ids.add(e.getTextContent().trim());
        }
        if (ids.isEmpty()) {
            throw OwsException.missingParameter("Identifier");
        }
        return ids;
    }

    static ExecuteRequest execute(byte[] body) {
        Element root = parse(body);
        String identifier = child(root, OWS, "Identifier").map(e -> e.getTextContent().trim())
                .filter(s -> !s.isEmpty()).orElseThrow(() -> OwsException.missingParameter("Identifier"));
        Map<String, List<InputValue>> inputs = new LinkedHashMap<>();
        child(root, WPS, "DataInputs").ifPresent(dataInputs -> {
            for (Element input : children(dataInputs, WPS, "Input")) {
                String id = child(input, OWS, "Identifier").map(e -> e.getTextContent().trim())
                        .orElseThrow(() -> OwsException.missingParameter("Identifier"));
                inputs.computeIfAbsent(id, k -> new ArrayList<>()).add(inputValue(id, input));
            }
        });
        return new ExecuteRequest(identifier, inputs, responseForm(root));
    }

    private static InputValue inputValue(String id, Element input) {
        var reference = child(input, WPS, "Reference");
        if (reference.isPresent()) {
            return reference(id, reference.get());
        }
        Element data = child(input, WPS, "Data").orElseThrow(() -> OwsException.missingParameter(id));
        Element value = firstElement(data).orElseThrow(() -> OwsException.missingParameter(id));
        if (!WPS.equals(value.getNamespaceURI())) {
            throw OwsException.invalidParameter(id, "Input " + id + " holds an unknown element " + value.getLocalName());
        }
        switch (value.getLocalName()) {
            case "LiteralData":
                return new InputValue.Literal(value.getTextContent(), attribute(value, "uom"));
            case "ComplexData":
                return new InputValue.Complex(complexContent(value), attribute(value, "mimeType"));
            case "BoundingBoxData":
                return boundingBox(id, value);
            default:
                throw OwsException.invalidParameter(id, "Input " + id + " holds an unknown element " + value.getLocalName());
        }
    }

    /** A GET reference: {@code xlink:href}; a POST one (with a Body) is refused. */
    private static InputValue.Reference reference(String id, Element reference) {
        String href = reference.getAttributeNS(WpsDocuments.XLINK, "href").trim();
        if (href.isEmpty()) {
            throw OwsException.invalidParameter(id, "Input " + id + ": a reference needs an xlink:href");
        }
        String method = attribute(reference, "method");
        if ((method != null && !method.equalsIgnoreCase("GET")) || child(reference, WPS, "Body").isPresent()
                || child(reference, WPS, "BodyReference").isPresent()) {
            throw OwsException.invalidParameter(id, "Input " + id + ": only GET references are supported");
        }
        return new InputValue.Reference(href, attribute(reference, "mimeType"));
    }

    /** Embedded XML (e.g. GML) serialised back to text; otherwise the text (JSON, WKT). */
    private static String complexContent(Element complex) {
        var element = firstElement(complex);
        if (element.isEmpty()) {
            return complex.getTextContent();
        }
        DOMImplementationLS ls = (DOMImplementationLS) complex.getOwnerDocument().getImplementation().getFeature("LS", "3.0");
        LSSerializer serializer = ls.createLSSerializer();
        serializer.getDomConfig().setParameter("xml-declaration", false);
        return serializer.writeToString(element.get());
    }

    private static InputValue.BoundingBox boundingBox(String id, Element box) {
        String lower = child(box, OWS, "LowerCorner").map(Node::getTextContent).orElseThrow(() -> OwsException.missingParameter(id));
        String upper = child(box, OWS, "UpperCorner").map(Node::getTextContent).orElseThrow(() -> OwsException.missingParameter(id));
        String[] l = lower.trim().split("\\s+");
        String[] u = upper.trim().split("\\s+");
        if (l.length != 2 || u.length != 2) {
            throw OwsException.invalidParameter(id, "Input " + id + " needs two-dimensional corners");
        }
        return KvpExecuteParser.boundingBox(id, l[0] + "," + l[1] + "," + u[0] + "," + u[1]
                + (attribute(box, "crs") == null ? "" : "," + attribute(box, "crs")));
    }

    private static ExecuteRequest.ResponseForm responseForm(Element root) {
        var form = child(root, WPS, "ResponseForm");
        if (form.isEmpty()) {
            return ExecuteRequest.ResponseDocument.allOutputs();
        }
        var raw = child(form.get(), WPS, "RawDataOutput");
        if (raw.isPresent()) {
            String id = child(raw.get(), OWS, "Identifier").map(e -> e.getTextContent().trim())
                    .orElseThrow(() -> OwsException.missingParameter("RawDataOutput"));
            return new ExecuteRequest.RawDataOutput(id, attribute(raw.get(), "mimeType"));
        }
        Element doc = child(form.get(), WPS, "ResponseDocument")
                .orElseThrow(() -> OwsException.missingParameter("ResponseDocument"));
        List<ExecuteRequest.RequestedOutput> outputs = new ArrayList<>();
        for (Element o : children(doc, WPS, "Output")) {
            String id = child(o, OWS, "Identifier").map(e -> e.getTextContent().trim())
                    .orElseThrow(() -> OwsException.missingParameter("Output"));
            outputs.add(new ExecuteRequest.RequestedOutput(id, attribute(o, "mimeType"),
                    Boolean.parseBoolean(attribute(o, "asReference"))));
        }
        return new ExecuteRequest.ResponseDocument(outputs, Boolean.parseBoolean(attribute(doc, "lineage")),
                Boolean.parseBoolean(attribute(doc, "storeExecuteResponse")), Boolean.parseBoolean(attribute(doc, "status")));
    }

    private static String attribute(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    private static java.util.Optional<Element> firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<Element> child(Element parent, String ns, String name) {
        List<Element> all = children(parent, ns, name);
        return all.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(all.get(0));
    }

    private static List<Element> children(Element parent, String ns, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }
}
