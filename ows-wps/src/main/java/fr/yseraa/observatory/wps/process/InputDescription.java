package fr.yseraa.observatory.wps.process;

import java.util.List;

/** One input of a process: a literal, complex data (a document in one of some formats) or a bounding box. */
public sealed interface InputDescription {

    String identifier();

    String title();

    String abstractText();

    /** 0 for an optional input. */
    int minOccurs();

    int maxOccurs();

    /**
     * A literal value of a data type, optionally restricted to allowed values, with a default and a unit.
     *
     * @param allowedValues the only values accepted, or empty for any value of the type
     * @param defaultValue the value used when the input is absent, or null
     * @param uom the unit of measure (e.g. {@code m}), or null
     * @param minimum the smallest accepted value of a numeric input, or null
     * @param maximum the largest accepted value of a numeric input, or null
     */
    record Literal(String identifier, String title, String abstractText, int minOccurs, int maxOccurs,
                   LiteralType type, List<String> allowedValues, String defaultValue, String uom, Double minimum,
                   Double maximum) implements InputDescription {
        public Literal {
            allowedValues = List.copyOf(allowedValues);
            if ((minimum != null || maximum != null) && type != LiteralType.INTEGER && type != LiteralType.DOUBLE) {
                throw new IllegalArgumentException("input " + identifier + ": only numbers have a range");
            }
            if (minimum != null && maximum != null && !(minimum <= maximum)) {
                throw new IllegalArgumentException("input " + identifier + ": the minimum exceeds the maximum");
            }
        }

        /** Whether the input is restricted to a range of numbers. */
        public boolean hasRange() {
            return minimum != null || maximum != null;
        }
    }

    /** A document in one of the formats, the first being the default. */
    record Complex(String identifier, String title, String abstractText, int minOccurs, int maxOccurs,
                   List<Format> formats) implements InputDescription {
        public Complex {
            formats = List.copyOf(formats);
            if (formats.isEmpty()) {
                throw new IllegalArgumentException("complex input " + identifier + " needs a format");
            }
        }
    }

    /** A bounding box in one of the CRSs (URNs), the first being the default. */
    record BoundingBox(String identifier, String title, String abstractText, int minOccurs, int maxOccurs,
                       List<String> crs) implements InputDescription {
        public BoundingBox {
            crs = List.copyOf(crs);
        }
    }

    /** An optional or mandatory single literal. */
    static Literal literal(String identifier, String title, String abstractText, boolean mandatory, LiteralType type) {
        return new Literal(identifier, title, abstractText, mandatory ? 1 : 0, 1, type, List.of(), null, null, null, null);
    }
}
