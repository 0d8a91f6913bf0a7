package fr.yseraa.observatory.ogcapi;

import fr.yseraa.observatory.core.ows.OwsException;
import java.util.Locale;

/** The encodings the API answers in, chosen by the {@code f} parameter or the {@code Accept} header. */
public enum Format {
    JSON("json"), HTML("html");

    private final String parameter;

    Format(String parameter) {
        this.parameter = parameter;
    }

    /** The value of {@code f} that asks for it. */
    public String parameter() {
        return parameter;
    }

    static Format named(String f) {
        return switch (f.toLowerCase(Locale.ROOT)) {
            case "json", "geojson", "application/json", "application/geo+json" -> JSON;
            case "html", "text/html" -> HTML;
            default -> throw OwsException.invalidParameter("f", "Unsupported format '" + f + "': use json or html");
        };
    }
}
