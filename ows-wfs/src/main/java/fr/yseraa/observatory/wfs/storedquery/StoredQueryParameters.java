package fr.yseraa.observatory.wfs.storedquery;

import fr.yseraa.observatory.core.ows.OwsException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The parameter values of a stored query call, by parameter name (case-insensitive, as KVP and XML give them). */
public final class StoredQueryParameters {

    private final UnaryOperator<String> values;

    /** @param values the value of a parameter by its name, or null when the call does not give it */
    public StoredQueryParameters(UnaryOperator<String> values) {
        this.values = values;
    }

    /** The value as given, if the call gives one. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.apply(name));
    }

    /** The value without surrounding blanks; MissingParameterValue (locator: the name) when absent or blank. */
    public String required(String name) {
        String value = values.apply(name);
        if (value == null || value.isBlank()) {
            throw OwsException.missingParameter(name);
        }
        return value.trim();
    }
}
