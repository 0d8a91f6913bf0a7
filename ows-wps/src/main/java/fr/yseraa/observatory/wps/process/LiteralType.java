package fr.yseraa.observatory.wps.process;

import java.util.Locale;

/** The data types of literal inputs and outputs, with the XML Schema type WPS documents reference. */
public enum LiteralType {
    STRING("string"),
    INTEGER("integer"),
    DOUBLE("double"),
    BOOLEAN("boolean");

    private final String xsName;

    LiteralType(String xsName) {
        this.xsName = xsName;
    }

    /** The name as in {@code xs:double}. */
    public String xsName() {
        return xsName;
    }

    /** The reference URI of {@code ows:DataType}. */
    public String reference() {
        return "http://www.w3.org/TR/xmlschema-2/#" + xsName;
    }

    /**
     * The value read as this type (String, Long, Double or Boolean).
     *
     * @throws IllegalArgumentException when the text is not a value of the type
     */
    public Object parse(String text) {
        String t = text.trim();
        switch (this) {
            case STRING:
                return text;
            case INTEGER:
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' is not an integer");
                }
            case DOUBLE:
                try {
                    double d = Double.parseDouble(t);
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        throw new NumberFormatException();
                    }
                    return d;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a number");
                }
            case BOOLEAN:
                String b = t.toLowerCase(Locale.ROOT);
                if (b.equals("true") || b.equals("1")) {
                    return true;
                }
                if (b.equals("false") || b.equals("0")) {
                    return false;
                }
                throw new IllegalArgumentException("'" + text + "' is not a boolean (true or false)");
            default:
                throw new IllegalStateException(name());
        }
    }
}
