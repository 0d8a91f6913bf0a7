package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.wps.process.InputValue;
import java.util.List;

/**
 * Reads complex data an Execute request gives by reference. The server provides it: it knows which references it
 * can read (e.g. its own layers) and reads them for the request's caller. The engine never fetches a URL itself.
 */
@FunctionalInterface
public interface ReferenceResolver {

    /** Refuses every reference. */
    ReferenceResolver NONE = (inputId, reference, formats, request) -> {
        throw OwsException.invalidParameter(inputId, WpsMessages.text("reference.refused", inputId));
    };

    /**
     * The data the reference points at, in one of the formats.
     *
     * @param formats the MIME types the input accepts, in the process's order of preference
     * @param request the Execute request (its caller, its service URL)
     * @throws OwsException InvalidParameterValue with {@code inputId} as locator for a reference it does not read
     */
    InputValue.Complex resolve(String inputId, InputValue.Reference reference, List<String> formats, OwsRequest request);
}
