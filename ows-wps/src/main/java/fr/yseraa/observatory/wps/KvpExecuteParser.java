package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wps.process.InputValue;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an Execute request in the KVP encoding of WPS 1.0.0 (§10.2.2): {@code DataInputs=id=value@attr=v;id2=...},
 * {@code ResponseDocument=out@mimeType=...;out2} or {@code RawDataOutput=out@mimeType=...}, {@code lineage},
 * {@code storeExecuteResponse}, {@code status}. Values are URL-decoded after splitting, so {@code ;}, {@code @} and
 * {@code =} inside a value travel encoded ({@code %3B}, {@code %40}, {@code %3D}). An input by reference is written
 * {@code id=@xlink:href=URL[@mimeType=...]}, its URL encoded once more so that its {@code &} and {@code ;} survive.
 */
final class KvpExecuteParser {

    private KvpExecuteParser() {
    }

    static ExecuteRequest parse(KvpParameters kvp, WpsInputKinds kinds) {
        String identifier = kvp.require("identifier");
        Map<String, List<InputValue>> inputs = new LinkedHashMap<>();
        kvp.get("DataInputs").ifPresent(text -> {
            for (String item : text.split(";")) {
                if (item.isBlank()) {
                    continue;
                }
                String[] parts = item.split("@");
                int eq = parts[0].indexOf('=');
                if (eq <= 0) {
                    throw OwsException.invalidParameter("DataInputs", "Each data input is written id=value: " + item);
                }
                String id = decode(parts[0].substring(0, eq));
                String value = decode(parts[0].substring(eq + 1));
                Map<String, String> attributes = attributes(parts, "DataInputs");
                inputs.computeIfAbsent(id, k -> new ArrayList<>()).add(value(kinds.kindOf(identifier, id), id, value, attributes));
            }
        });
        return new ExecuteRequest(identifier, inputs, form(kvp));
    }

    private static InputValue value(WpsInputKinds.Kind kind, String id, String value, Map<String, String> attributes) {
        String href = attributes.get("xlink:href");
        if (href != null) {
            return new InputValue.Reference(href, attributes.get("mimetype"));
        }
        return switch (kind) {
            case COMPLEX -> new InputValue.Complex(value, attributes.get("mimetype"));
            case BOUNDING_BOX -> boundingBox(id, value);
            case LITERAL -> new InputValue.Literal(value, attributes.get("uom"));
        };
    }

    /** {@code minx,miny,maxx,maxy[,crs]}. */
    static InputValue.BoundingBox boundingBox(String id, String value) {
        String[] c = value.split(",");
        if (c.length != 4 && c.length != 5) {
            throw OwsException.invalidParameter(id, "Input " + id + " is a bounding box: minx,miny,maxx,maxy[,crs]");
        }
        try {
            return new InputValue.BoundingBox(Double.parseDouble(c[0].trim()), Double.parseDouble(c[1].trim()),
                    Double.parseDouble(c[2].trim()), Double.parseDouble(c[3].trim()), c.length == 5 ? c[4].trim() : null);
        } catch (NumberFormatException e) {
            throw OwsException.invalidParameter(id, "Input " + id + " has a coordinate that is not a number");
        }
    }

    private static ExecuteRequest.ResponseForm form(KvpParameters kvp) {
        boolean lineage = flag(kvp, "lineage");
        boolean store = flag(kvp, "storeExecuteResponse");
        boolean status = flag(kvp, "status");
        if (kvp.get("RawDataOutput").isPresent()) {
            if (kvp.get("ResponseDocument").isPresent()) {
                throw OwsException.invalidParameter("RawDataOutput", "Give either RawDataOutput or ResponseDocument");
            }
            List<ExecuteRequest.RequestedOutput> outputs = outputs(kvp.get("RawDataOutput").get(), "RawDataOutput");
            if (outputs.size() != 1) {
                throw OwsException.invalidParameter("RawDataOutput", "RawDataOutput names exactly one output");
            }
            return new ExecuteRequest.RawDataOutput(outputs.get(0).identifier(), outputs.get(0).mimeType());
        }
        List<ExecuteRequest.RequestedOutput> outputs = kvp.get("ResponseDocument")
                .map(t -> outputs(t, "ResponseDocument")).orElse(List.of());
        return new ExecuteRequest.ResponseDocument(outputs, lineage, store, status);
    }

    private static List<ExecuteRequest.RequestedOutput> outputs(String text, String parameter) {
        List<ExecuteRequest.RequestedOutput> outputs = new ArrayList<>();
        for (String item : text.split(";")) {
            if (item.isBlank()) {
                continue;
            }
            String[] parts = item.split("@");
            Map<String, String> attributes = attributes(parts, parameter);
            outputs.add(new ExecuteRequest.RequestedOutput(decode(parts[0]).trim(), attributes.get("mimetype"),
                    Boolean.parseBoolean(attributes.getOrDefault("asreference", "false"))));
        }
        return outputs;
    }

    private static Map<String, String> attributes(String[] parts, String parameter) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw OwsException.invalidParameter(parameter, "Attributes are written @name=value: " + parts[i]);
            }
            attributes.put(decode(parts[i].substring(0, eq)).toLowerCase(Locale.ROOT), decode(parts[i].substring(eq + 1)));
        }
        return attributes;
    }

    private static boolean flag(KvpParameters kvp, String key) {
        String v = kvp.get(key).orElse("false");
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw OwsException.invalidParameter(key, key + " is true or false");
        }
        return Boolean.parseBoolean(v.toLowerCase(Locale.ROOT));
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a plain '%' in a value, already decoded by the HTTP layer
        }
    }
}
