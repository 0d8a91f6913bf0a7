package fr.yseraa.observatory.wps;

import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.wps.process.Format;
import fr.yseraa.observatory.wps.process.InputDescription;
import fr.yseraa.observatory.wps.process.InputValue;
import fr.yseraa.observatory.wps.process.ProcessDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Replaces the inputs given by reference with the data the resolver reads, before the inputs are checked. */
final class ReferencedInputs {

    private ReferencedInputs() {
    }

    static Map<String, List<InputValue>> resolve(ProcessDescription description, Map<String, List<InputValue>> given,
                                                 ReferenceResolver resolver, OwsRequest request) {
        Map<String, List<InputValue>> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, List<InputValue>> e : given.entrySet()) {
            List<InputValue> values = new ArrayList<>();
            for (InputValue v : e.getValue()) {
                values.add(v instanceof InputValue.Reference r ? read(description, e.getKey(), r, resolver, request) : v);
            }
            resolved.put(e.getKey(), values);
        }
        return resolved;
    }

    private static InputValue read(ProcessDescription description, String id, InputValue.Reference reference,
                                   ReferenceResolver resolver, OwsRequest request) {
        InputDescription input = description.input(id).orElseThrow(() -> OwsException.invalidParameter(id,
                "Process " + description.identifier() + " has no input " + id));
        if (!(input instanceof InputDescription.Complex complex)) {
            throw OwsException.invalidParameter(id, "Input " + id + " cannot be given by reference: only complex data can");
        }
        List<String> formats = complex.formats().stream().map(Format::mimeType)
                .filter(m -> reference.mimeType() == null || m.equalsIgnoreCase(reference.mimeType())).toList();
        if (formats.isEmpty()) {
            throw OwsException.invalidParameter(id, "Input " + id + " does not accept format " + reference.mimeType());
        }
        return resolver.resolve(id, reference, formats, request);
    }
}
