package fr.yseraa.observatory.wps.process;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The outputs of one execution, by output identifier. */
public record ProcessResult(Map<String, OutputValue> outputs) {

    public ProcessResult {
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** The value of one output. */
    public sealed interface OutputValue {
    }

    public record Literal(String value) implements OutputValue {
    }

    /**
     * Complex data, rendered on demand in the format the client asked for.
     *
     * @param renderings for each MIME type the output offers, how to write the document
     */
    public record Complex(Map<String, Supplier<String>> renderings) implements OutputValue {
        public Complex {
            renderings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(renderings));
        }

        public String render(String mimeType) {
            for (Map.Entry<String, Supplier<String>> e : renderings.entrySet()) {
                if (e.getKey().equalsIgnoreCase(mimeType)) {
                    return e.getValue().get();
                }
            }
            throw new IllegalArgumentException("no rendering as " + mimeType);
        }
    }

    /** Collects outputs in order. */
    public static final class Builder {
        private final Map<String, OutputValue> outputs = new LinkedHashMap<>();

        public Builder literal(String id, Object value) {
            outputs.put(id, new Literal(String.valueOf(value)));
            return this;
        }

        public Builder complex(String id, Map<String, Supplier<String>> renderings) {
            outputs.put(id, new Complex(renderings));
            return this;
        }

        public ProcessResult build() {
            return new ProcessResult(outputs);
        }
    }
}
