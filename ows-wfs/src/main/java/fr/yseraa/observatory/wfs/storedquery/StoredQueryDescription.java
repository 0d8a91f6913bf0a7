package fr.yseraa.observatory.wfs.storedquery;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * What ListStoredQueries and DescribeStoredQueries say of a stored query for one caller.
 *
 * @param language the language of the texts (xml:lang)
 * @param summary the abstract
 * @param returnedTypes the feature types it answers, among those the caller may read
 */
public record StoredQueryDescription(String id, String language, String title, String summary,
                                     List<Parameter> parameters, List<LayerInfo> returnedTypes) {

    /**
     * A parameter of the call.
     *
     * @param type its XML Schema type, prefixed {@code xs:} ({@code xs:string}, {@code xs:integer}...)
     */
    public record Parameter(String name, String type, String title) {
    }

    public StoredQueryDescription {
        parameters = List.copyOf(parameters);
        returnedTypes = List.copyOf(returnedTypes);
    }

    /**
     * A description whose texts users read come from a message bundle: {@code language}, {@code title},
     * {@code abstract}, and {@code parameter.NAME} for the title of each parameter.
     *
     * @param parameterTypes each parameter's name and XML Schema type, in the order of the call
     */
    public static StoredQueryDescription of(String id, ResourceBundle texts,
                                            List<Map.Entry<String, String>> parameterTypes,
                                            List<LayerInfo> returnedTypes) {
        List<Parameter> parameters = parameterTypes.stream()
                .map(e -> new Parameter(e.getKey(), e.getValue(), texts.getString("parameter." + e.getKey())))
                .toList();
        return new StoredQueryDescription(id, texts.getString("language"), texts.getString("title"),
                texts.getString("abstract"), parameters, returnedTypes);
    }
}
