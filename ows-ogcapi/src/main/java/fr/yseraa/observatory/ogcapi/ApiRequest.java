package fr.yseraa.observatory.ogcapi;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.ows.OwsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request to the API, as the HTTP layer hands it over: who asks, the API's root URL, the query parameters in
 * their order (names are case-sensitive, as OGC API says) and the {@code Accept} header.
 *
 * @param baseUrl the URL of the landing page, without a trailing slash ({@code http://host/ogcapi})
 */
public record ApiRequest(Caller caller, String baseUrl, Map<String, List<String>> parameters, String accept) {

    public ApiRequest {
        parameters = new LinkedHashMap<>(parameters);
        parameters.replaceAll((k, v) -> List.copyOf(v));
    }

    /** The value of a parameter given at most once, or null; given twice answers 400 on it. */
    public String single(String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw OwsException.invalidParameter(name, "Parameter " + name + " is given more than once");
        }
        return values.get(0);
    }

    /** Refuses a parameter that is neither one of {@code known} nor accepted by {@code alsoKnown}. */
    public void onlyParameters(Set<String> known, Set<String> alsoKnown) {
        for (String name : parameters.keySet()) {
            if (!known.contains(name) && !alsoKnown.contains(name)) {
                throw OwsException.invalidParameter(name, "Unknown parameter " + name);
            }
        }
    }

    /** The answer's format: the {@code f} parameter, else HTML when the client prefers it (a browser), else JSON. */
    public Format format() {
        String f = single("f");
        if (f != null) {
            return Format.named(f);
        }
        String a = accept == null ? "" : accept.toLowerCase(java.util.Locale.ROOT);
        return a.contains("text/html") && !a.contains("json") ? Format.HTML : Format.JSON;
    }
}
