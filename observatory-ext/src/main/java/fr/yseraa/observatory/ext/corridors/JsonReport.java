package fr.yseraa.observatory.ext.corridors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** A JSON document a process returns (a summary, a report): ordered maps and lists of plain values. */
final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static String write(Object report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a report", e);
        }
    }

    static Map<String, Supplier<String>> renderings(Object report) {
        Map<String, Supplier<String>> r = new LinkedHashMap<>();
        r.put("application/json", () -> write(report));
        return r;
    }
}
