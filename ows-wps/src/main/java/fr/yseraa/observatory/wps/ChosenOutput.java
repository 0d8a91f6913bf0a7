package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wps.process.Format;
import fr.yseraa.observatory.wps.process.OutputDescription;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import fr.yseraa.observatory.wps.process.ProcessResult;

/**
 * One output a client asked for, in the format it asked: the WPS's Execute and OGC API - Processes choose and render
 * outputs through it, against the same process description.
 *
 * @param mimeType the format of complex data (null for literals)
 * @param asReference whether the output is stored apart and given as the URL it is read at
 */
public record ChosenOutput(OutputDescription description, String mimeType, boolean asReference) {

    /** The literal's format, the only one a literal output is given in. */
    public static final String LITERAL_MEDIA_TYPE = "text/plain";

    /**
     * The output {@code id} of the process in {@code mimeType} (null for its default format), or
     * InvalidParameterValue naming the output.
     *
     * @param parameter the part of the request that asked for it, named in the report
     */
    public static ChosenOutput of(ProcessDescription description, String id, String mimeType, String parameter) {
        OutputDescription output = description.output(id).orElseThrow(() -> OwsException.invalidParameter(id,
                "Process " + description.identifier() + " has no output " + id + " (" + parameter + ")"));
        if (output instanceof OutputDescription.Complex c) {
            String chosen = mimeType == null ? c.formats().get(0).mimeType() : mimeType;
            if (!c.supports(chosen)) {
                throw OwsException.invalidParameter(id, "Output " + id + " is not available as " + chosen
                        + "; available: " + String.join(", ", c.formats().stream().map(Format::mimeType).toList()));
            }
            return new ChosenOutput(output, chosen, false);
        }
        if (mimeType != null && !mimeType.equalsIgnoreCase(LITERAL_MEDIA_TYPE)) {
            throw OwsException.invalidParameter(id, "Output " + id + " is a literal, given as " + LITERAL_MEDIA_TYPE);
        }
        return new ChosenOutput(output, null, false);
    }

    /** The same output, stored apart or not. */
    public ChosenOutput asReference(boolean reference) {
        return new ChosenOutput(description, mimeType, reference);
    }

    /** The format the output is written in: its MIME type, {@code text/plain} for a literal. */
    public String mediaType() {
        return mimeType == null ? LITERAL_MEDIA_TYPE : mimeType;
    }

    /** The output's value in the chosen format, as text. */
    public String text(ProcessResult result) {
        ProcessResult.OutputValue value = result.outputs().get(description.identifier());
        if (value instanceof ProcessResult.Complex c) {
            return c.render(mimeType);
        }
        return ((ProcessResult.Literal) value).value();
    }
}
