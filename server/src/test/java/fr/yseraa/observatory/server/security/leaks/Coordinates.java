package fr.yseraa.observatory.server.security.leaks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every coordinate pair an answer carries, whatever its format: GML (2, 3.1.1, 3.2), GeoJSON, WKT. */
final class Coordinates {

    private static final Pattern GML = Pattern.compile(
            "<(?:gml:)?(pos|posList|coordinates|lowerCorner|upperCorner)\\b[^>]*>([^<]*)<");
    private static final Pattern WKT = Pattern.compile("\\b(?:MULTI)?(?:POINT|LINESTRING|POLYGON)\\s*(\\([-0-9.eE+, ()]*\\))");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?");

    private Coordinates() {
    }

    /** GML: pos and posList (x y x y...), GML 2 coordinates (x,y x,y...), envelopes' corners. */
    static List<double[]> gml(String body) {
        List<double[]> out = new ArrayList<>();
        Matcher m = GML.matcher(body);
        while (m.find()) {
            String content = m.group(1).equals("coordinates") ? m.group(2).replace(',', ' ') : m.group(2);
            pairs(content, out);
        }
        return out;
    }

    /** WKT geometries anywhere in the text (CSV cells...). */
    static List<double[]> wkt(String body) {
        List<double[]> out = new ArrayList<>();
        Matcher m = WKT.matcher(body);
        while (m.find()) {
            for (String tuple : m.group(1).replaceAll("[()]", " ").split(",")) {
                pairs(tuple, out);
            }
        }
        return out;
    }

    /** GeoJSON: every position of every "coordinates" member, and every "bbox". */
    static List<double[]> geoJson(JsonNode node) {
        List<double[]> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, List<double[]> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("coordinates")) {
                    positions(e.getValue(), out);
                } else if (e.getKey().equals("bbox") && e.getValue().size() >= 4) {
                    out.add(new double[] {e.getValue().get(0).asDouble(), e.getValue().get(1).asDouble()});
                    out.add(new double[] {e.getValue().get(2).asDouble(), e.getValue().get(3).asDouble()});
                } else {
                    collect(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }

    private static void positions(JsonNode node, List<double[]> out) {
        if (node.isArray() && node.size() >= 2 && node.get(0).isNumber()) {
            out.add(new double[] {node.get(0).asDouble(), node.get(1).asDouble()});
        } else if (node.isArray()) {
            node.forEach(n -> positions(n, out));
        }
    }

    private static void pairs(String numbers, List<double[]> out) {
        Matcher n = NUMBER.matcher(numbers);
        List<Double> values = new ArrayList<>();
        while (n.find()) {
            values.add(Double.parseDouble(n.group()));
        }
        for (int i = 0; i + 1 < values.size(); i += 2) {
            out.add(new double[] {values.get(i), values.get(i + 1)});
        }
    }

    /** The text of an answer with XML/HTML character references resolved, so names compare as written. */
    static String unescape(String body) {
        Matcher m = Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(body);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int code = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            m.appendReplacement(sb, Matcher.quoteReplacement(new String(Character.toChars(code))));
        }
        m.appendTail(sb);
        return sb.toString().replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
