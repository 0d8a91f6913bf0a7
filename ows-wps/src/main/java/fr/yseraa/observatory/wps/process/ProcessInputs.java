package fr.yseraa.observatory.wps.process;

import fr.yseraa.observatory.core.ows.OwsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inputs of one execution, checked against the process description: every mandatory input is present, none
 * occurs more often than allowed, literals are of their type, within their allowed values and range, complex data
 * in a supported format, bounding boxes in a supported CRS; absent literals take their default. Literal values are
 * held converted (String, Long, Double, Boolean).
 */
public final class ProcessInputs {

    private final Map<String, List<Object>> values;

    private ProcessInputs(Map<String, List<Object>> values) {
        this.values = values;
    }

    /**
     * Checks what the client sent against the description.
     *
     * @throws OwsException MissingParameterValue or InvalidParameterValue with the input's identifier as locator
     */
    public static ProcessInputs bind(ProcessDescription description, Map<String, List<InputValue>> given) {
        for (String id : given.keySet()) {
            if (description.input(id).isEmpty()) {
                throw OwsException.invalidParameter(id, "Process " + description.identifier() + " has no input " + id);
            }
        }
        Map<String, List<Object>> bound = new LinkedHashMap<>();
        for (InputDescription input : description.inputs()) {
            List<InputValue> raw = given.getOrDefault(input.identifier(), List.of());
            if (raw.size() > input.maxOccurs()) {
                throw OwsException.invalidParameter(input.identifier(), "Input " + input.identifier()
                        + " may occur at most " + input.maxOccurs() + " time(s)");
            }
            List<Object> converted = raw.stream().map(v -> convert(input, v)).toList();
            if (converted.isEmpty() && input instanceof InputDescription.Literal l && l.defaultValue() != null) {
                converted = List.of(l.type().parse(l.defaultValue()));
            }
            if (converted.size() < input.minOccurs()) {
                throw OwsException.missingParameter(input.identifier());
            }
            bound.put(input.identifier(), converted);
        }
        return new ProcessInputs(bound);
    }

    private static Object convert(InputDescription input, InputValue value) {
        String id = input.identifier();
        if (input instanceof InputDescription.Literal l && value instanceof InputValue.Literal v) {
            return literal(l, v);
        }
        if (input instanceof InputDescription.Complex c && value instanceof InputValue.Complex v) {
            String mime = v.mimeType() == null ? c.formats().get(0).mimeType() : v.mimeType();
            if (c.formats().stream().noneMatch(f -> f.mimeType().equalsIgnoreCase(mime))) {
                throw OwsException.invalidParameter(id, "Input " + id + " does not accept format " + mime
                        + "; accepted: " + String.join(", ", c.formats().stream().map(Format::mimeType).toList()));
            }
            if (v.content() == null || v.content().isBlank()) {
                throw OwsException.invalidParameter(id, "Input " + id + " is empty");
            }
            return new InputValue.Complex(v.content(), mime);
        }
        if (input instanceof InputDescription.BoundingBox b && value instanceof InputValue.BoundingBox v) {
            String crs = v.crs() == null && !b.crs().isEmpty() ? b.crs().get(0) : v.crs();
            if (!b.crs().isEmpty() && !b.crs().contains(crs)) {
                throw OwsException.invalidParameter(id, "Input " + id + " does not accept CRS " + crs
                        + "; accepted: " + String.join(", ", b.crs()));
            }
            if (!(v.minX() <= v.maxX() && v.minY() <= v.maxY())) {
                throw OwsException.invalidParameter(id, "Input " + id + ": the lower corner must not exceed the upper corner");
            }
            return new InputValue.BoundingBox(v.minX(), v.minY(), v.maxX(), v.maxY(), crs);
        }
        if (input instanceof InputDescription.Literal && value instanceof InputValue.Complex v) {
            // some clients send a literal as plain data: accept its text
            return literal((InputDescription.Literal) input, new InputValue.Literal(v.content().trim(), null));
        }
        throw OwsException.invalidParameter(id, "Input " + id + " expects " + kind(input) + " data");
    }

    private static Object literal(InputDescription.Literal l, InputValue.Literal v) {
        String id = l.identifier();
        if (v.uom() != null && l.uom() != null && !v.uom().equals(l.uom())) {
            throw OwsException.invalidParameter(id, "Input " + id + " is expressed in " + l.uom() + ", not " + v.uom());
        }
        Object parsed;
        try {
            parsed = l.type().parse(v.value());
        } catch (IllegalArgumentException e) {
            throw OwsException.invalidParameter(id, "Input " + id + ": " + e.getMessage());
        }
        if (!l.allowedValues().isEmpty() && !l.allowedValues().contains(String.valueOf(parsed))) {
            throw OwsException.invalidParameter(id, "Input " + id + " must be one of " + String.join(", ", l.allowedValues()));
        }
        if (l.minimum() != null && parsed instanceof Number n && n.doubleValue() < l.minimum()) {
            throw OwsException.invalidParameter(id, "Input " + id + " must be at least " + format(l.minimum()));
        }
        if (l.maximum() != null && parsed instanceof Number n && n.doubleValue() > l.maximum()) {
            throw OwsException.invalidParameter(id, "Input " + id + " must be at most " + format(l.maximum()));
        }
        return parsed;
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String kind(InputDescription input) {
        if (input instanceof InputDescription.Literal) {
            return "literal";
        }
        return input instanceof InputDescription.Complex ? "complex" : "bounding box";
    }

    public boolean has(String id) {
        return !values.getOrDefault(id, List.of()).isEmpty();
    }

    /** All values of an input (several when maxOccurs &gt; 1). */
    public List<Object> all(String id) {
        return values.getOrDefault(id, List.of());
    }

    private Optional<Object> first(String id) {
        List<Object> v = all(id);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public Optional<String> string(String id) {
        return first(id).map(String::valueOf);
    }

    public Optional<Double> number(String id) {
        return first(id).map(v -> ((Number) v).doubleValue());
    }

    public Optional<Long> integer(String id) {
        return first(id).map(v -> ((Number) v).longValue());
    }

    public Optional<Boolean> bool(String id) {
        return first(id).map(v -> (Boolean) v);
    }

    public Optional<InputValue.Complex> complex(String id) {
        return first(id).map(InputValue.Complex.class::cast);
    }

    public Optional<InputValue.BoundingBox> boundingBox(String id) {
        return first(id).map(InputValue.BoundingBox.class::cast);
    }
}
