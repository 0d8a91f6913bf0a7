package fr.yseraa.observatory.ogcapi.processes;

import fr.yseraa.observatory.ogcapi.Links;
import fr.yseraa.observatory.wps.process.Format;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.LiteralType;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process summaries and descriptions of OGC API - Processes ({@code ogc-process-description}), written from the
 * same {@link ProcessDescription} the WPS's DescribeProcess writes: each input and output with a JSON Schema of its
 * values (literals typed, with their allowed values, range and default; complex data as one schema per format with
 * its {@code contentMediaType}; bounding boxes as {@code ogc-bbox} objects).
 */
final class ProcessDocuments {

    static final String EXECUTE_REL = "http://www.opengis.net/def/rel/ogc/1.0/execute";
    static final List<String> JOB_CONTROL = List.of("sync-execute", "async-execute", "dismiss");

    private ProcessDocuments() {
    }

    static String processPath(String id) {
        return "/processes/" + Links.segment(id);
    }

    /** The summary in the process list. */
    static Map<String, Object> summary(ProcessDescription d, Links links) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", d.identifier());
        doc.put("title", d.title());
        doc.put("description", d.abstractText());
        doc.put("version", d.version());
        doc.put("jobControlOptions", JOB_CONTROL);
        doc.put("outputTransmission", List.of("value"));
        String url = links.url(processPath(d.identifier()));
        doc.put("links", List.of(Links.link(url, "self", Links.JSON, d.title()),
                Links.link(url + "/execution", EXECUTE_REL, Links.JSON, "Exécuter")));
        return doc;
    }

    /** The full description: the summary, then every input and output. */
    static Map<String, Object> description(ProcessDescription d, Links links) {
        Map<String, Object> doc = summary(d, links);
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (InputDescription i : d.inputs()) {
            Map<String, Object> input = described(i.title(), i.abstractText());
            input.put("minOccurs", i.minOccurs());
            input.put("maxOccurs", i.maxOccurs());
            input.put("schema", schema(i));
            if (i instanceof InputDescription.Literal l && l.uom() != null) {
                input.put("metadata", unit(l.uom()));
            }
            inputs.put(i.identifier(), input);
        }
        doc.put("inputs", inputs);
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (OutputDescription o : d.outputs()) {
            Map<String, Object> output = described(o.title(), o.abstractText());
            output.put("schema", schema(o));
            if (o instanceof OutputDescription.Literal l && l.uom() != null) {
                output.put("metadata", unit(l.uom()));
            }
            outputs.put(o.identifier(), output);
        }
        doc.put("outputs", outputs);
        return doc;
    }

    /** A literal's unit of measure, as the description's metadata. */
    private static List<Map<String, Object>> unit(String uom) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", "uom");
        m.put("value", uom);
        return List.of(m);
    }

    private static Map<String, Object> described(String title, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        if (description != null) {
            m.put("description", description);
        }
        return m;
    }

    static Map<String, Object> schema(InputDescription input) {
        if (input instanceof InputDescription.Literal l) {
            Map<String, Object> s = literal(l.type());
            if (!l.allowedValues().isEmpty()) {
                s.put("enum", l.allowedValues().stream().map(v -> value(l.type(), v)).toList());
            }
            if (l.minimum() != null) {
                s.put("minimum", number(l.type(), l.minimum()));
            }
            if (l.maximum() != null) {
                s.put("maximum", number(l.type(), l.maximum()));
            }
            if (l.defaultValue() != null) {
                s.put("default", value(l.type(), l.defaultValue()));
            }
            return s;
        }
        if (input instanceof InputDescription.Complex c) {
            return formats(c.formats());
        }
        InputDescription.BoundingBox b = (InputDescription.BoundingBox) input;
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("type", "array");
        box.put("items", Map.of("type", "number"));
        box.put("minItems", 4);
        box.put("maxItems", 4);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("bbox", box);
        Map<String, Object> crs = new LinkedHashMap<>();
        crs.put("type", "string");
        if (!b.crs().isEmpty()) {
            crs.put("enum", b.crs());
            crs.put("default", b.crs().get(0));
        }
        properties.put("crs", crs);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("format", "ogc-bbox");
        s.put("required", List.of("bbox"));
        s.put("properties", properties);
        return s;
    }

    static Map<String, Object> schema(OutputDescription output) {
        if (output instanceof OutputDescription.Literal l) {
            return literal(l.type());
        }
        return formats(((OutputDescription.Complex) output).formats());
    }

    /** One schema per format (a JSON document an object, any other a string), with its media type. */
    private static Map<String, Object> formats(List<Format> formats) {
        List<Map<String, Object>> each = new ArrayList<>();
        for (Format f : formats) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("type", isJson(f.mimeType()) ? "object" : "string");
            s.put("contentMediaType", f.mimeType());
            if (f.schema() != null) {
                s.put("contentSchema", f.schema());
            }
            each.add(s);
        }
        if (each.size() == 1) {
            return each.get(0);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("oneOf", each);
        return s;
    }

    /** Whether documents of this format are JSON, written as JSON values rather than text. */
    static boolean isJson(String mediaType) {
        String m = mediaType.toLowerCase(java.util.Locale.ROOT);
        return m.equals("application/json") || m.endsWith("+json");
    }

    private static Map<String, Object> literal(LiteralType type) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", switch (type) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case DOUBLE -> "number";
            case BOOLEAN -> "boolean";
        });
        return s;
    }

    /** A literal's text as the JSON value of its type. */
    static Object value(LiteralType type, String text) {
        try {
            return type.parse(text);
        } catch (IllegalArgumentException e) { // NaN, or text a process gave for a number: kept as text
            return text;
        }
    }

    private static Object number(LiteralType type, double d) {
        return type == LiteralType.INTEGER ? (Object) (long) d : (Object) d;
    }
}
