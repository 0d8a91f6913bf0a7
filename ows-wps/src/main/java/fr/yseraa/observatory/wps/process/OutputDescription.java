package fr.yseraa.observatory.wps.process;

import java.util.List;

/** One output of a process: a literal, or complex data in one of some formats (the first being the default). */
public sealed interface OutputDescription {

    String identifier();

    String title();

    String abstractText();

    record Literal(String identifier, String title, String abstractText, LiteralType type, String uom)
            implements OutputDescription {
    }

    record Complex(String identifier, String title, String abstractText, List<Format> formats)
            implements OutputDescription {
        public Complex {
            formats = List.copyOf(formats);
            if (formats.isEmpty()) {
                throw new IllegalArgumentException("complex output " + identifier + " needs a format");
            }
        }

        public boolean supports(String mimeType) {
            return formats.stream().anyMatch(f -> f.mimeType().equalsIgnoreCase(mimeType));
        }
    }
}
