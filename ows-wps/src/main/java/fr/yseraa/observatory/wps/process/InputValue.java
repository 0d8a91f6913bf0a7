package fr.yseraa.observatory.wps.process;

/** A value a client gave for an input, before it is checked against the input's description. */
public sealed interface InputValue {

    /** @param uom the unit the client named, or null */
    record Literal(String value, String uom) implements InputValue {
    }

    /** @param mimeType the format the client named, or null for the input's default format */
    record Complex(String content, String mimeType) implements InputValue {
    }

    /**
     * Complex data given by reference ({@code wps:Reference xlink:href}, or {@code @xlink:href=} in KVP), to be read
     * by the server's {@link fr.yseraa.observatory.wps.ReferenceResolver} before the inputs are checked.
     *
     * @param mimeType the format the client named, or null for any the input accepts
     */
    record Reference(String href, String mimeType) implements InputValue {
    }

    /** @param crs the CRS the client named, or null for the input's default CRS */
    record BoundingBox(double minX, double minY, double maxX, double maxY, String crs) implements InputValue {
    }
}
