package fr.yseraa.observatory.core.ows;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Key-value-pair request parameters, with case-insensitive keys as OGC services require. */
public final class KvpParameters {

    private final Map<String, String> values = new LinkedHashMap<>();

    /** From raw parameters; for repeated keys the first value wins. Keys are matched without case. */
    public KvpParameters(Map<String, String[]> raw) {
        raw.forEach((k, v) -> {
            if (v != null && v.length > 0) {
                values.putIfAbsent(k.toUpperCase(Locale.ROOT), v[0]);
            }
        });
    }

    public static KvpParameters of(Map<String, String> single) {
        Map<String, String[]> raw = new LinkedHashMap<>();
        single.forEach((k, v) -> raw.put(k, new String[] {v}));
        return new KvpParameters(raw);
    }

    /** The value of a parameter, trimmed; empty when absent or blank. */
    public Optional<String> get(String key) {
        String v = values.get(key.toUpperCase(Locale.ROOT));
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** The value of a required parameter, or a MissingParameterValue exception naming it. */
    public String require(String key) {
        return get(key).orElseThrow(() -> OwsException.missingParameter(key.toLowerCase(Locale.ROOT)));
    }

    /** All parameters, keys upper-cased. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
