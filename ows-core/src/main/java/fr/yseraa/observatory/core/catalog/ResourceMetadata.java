package fr.yseraa.observatory.core.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a metadata record (ISO 19115) says of a resource beyond what the catalog computes: the {@code metadata:}
 * section of a layer's file, each field falling back on the {@code metadata:} section of {@code service.yaml}
 * ({@link #orElse}). Every field may be null or empty.
 *
 * @param identifier the record's and the resource's stable identifier (a UUID); layers only
 * @param language the language of the resource and its record (ISO 639-2/B, e.g. {@code fre})
 * @param topicCategories ISO 19115 topic categories ({@code biota}, {@code environment}...)
 * @param inspireThemes INSPIRE themes (their labels in the record's language, from the INSPIRE theme register)
 * @param lineage how the data was made
 * @param updateFrequency an ISO 19115 maintenance frequency code ({@code continual}, {@code annually}...)
 * @param dates the resource's reference dates by ISO date type ({@code creation}, {@code publication},
 *     {@code revision})
 * @param licence the licence, in words (with its URL)
 * @param useConstraints other conditions on use
 * @param accessConstraints limitations on public access, in words
 * @param scaleDenominator the scale the data is meant for, or null
 * @param contact who answers for the resource; null: the service's contact
 * @param links other pages about the resource
 * @param conformity the specifications the resource was evaluated against
 * @param services the records' identifiers of the services, by service name (WMS, WFS...); service.yaml only
 */
public record ResourceMetadata(String identifier, String language, List<String> topicCategories,
                               List<String> inspireThemes, String lineage, String updateFrequency,
                               Map<String, LocalDate> dates, String licence, String useConstraints,
                               String accessConstraints, Integer scaleDenominator, ServiceMetadata.Contact contact,
                               List<Link> links, List<Conformity> conformity, Map<String, String> services) {

    public ResourceMetadata {
        topicCategories = List.copyOf(topicCategories);
        inspireThemes = List.copyOf(inspireThemes);
        dates = Map.copyOf(dates);
        links = List.copyOf(links);
        conformity = List.copyOf(conformity);
        services = Map.copyOf(services);
    }

    /** A page about the resource. */
    public record Link(String title, String url) {
    }

    /**
     * A conformity statement.
     *
     * @param pass whether the resource conforms; null when not evaluated
     */
    public record Conformity(String specification, LocalDate date, Boolean pass) {
    }

    /** Nothing declared. */
    public static ResourceMetadata none() {
        return new ResourceMetadata(null, null, List.of(), List.of(), null, null, Map.of(), null, null, null, null,
                null, List.of(), List.of(), Map.of());
    }

    /** This section, each field not declared here taken from {@code defaults}. */
    public ResourceMetadata orElse(ResourceMetadata defaults) {
        return new ResourceMetadata(identifier, or(language, defaults.language),
                topicCategories.isEmpty() ? defaults.topicCategories : topicCategories,
                inspireThemes.isEmpty() ? defaults.inspireThemes : inspireThemes, or(lineage, defaults.lineage),
                or(updateFrequency, defaults.updateFrequency), dates.isEmpty() ? defaults.dates : dates,
                or(licence, defaults.licence), or(useConstraints, defaults.useConstraints),
                or(accessConstraints, defaults.accessConstraints), or(scaleDenominator, defaults.scaleDenominator),
                or(contact, defaults.contact), links.isEmpty() ? defaults.links : links,
                conformity.isEmpty() ? defaults.conformity : conformity, services);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
