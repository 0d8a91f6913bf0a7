package fr.yseraa.observatory.core.catalog;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads a {@code metadata:} section (of a layer's file or of service.yaml) into a {@link ResourceMetadata}. */
final class MetadataSection {

    static final List<String> KEYS = List.of("identifier", "language", "topicCategories", "inspireThemes", "lineage",
            "updateFrequency", "dates", "licence", "useConstraints", "accessConstraints", "scaleDenominator",
            "contact", "links", "conformity", "services");
    /** ISO 19115 MD_TopicCategoryCode. */
    static final Set<String> TOPIC_CATEGORIES = Set.of("farming", "biota", "boundaries",
            "climatologyMeteorologyAtmosphere", "economy", "elevation", "environment", "geoscientificInformation",
            "health", "imageryBaseMapsEarthCover", "intelligenceMilitary", "inlandWaters", "location", "oceans",
            "planningCadastre", "society", "structure", "transportation", "utilitiesCommunication");
    /** ISO 19115 MD_MaintenanceFrequencyCode. */
    static final Set<String> FREQUENCIES = Set.of("continual", "daily", "weekly", "fortnightly", "monthly",
            "quarterly", "biannually", "annually", "asNeeded", "irregular", "notPlanned", "unknown");
    /** ISO 19115 CI_DateTypeCode. */
    static final Set<String> DATE_TYPES = Set.of("creation", "publication", "revision");

    private MetadataSection() {
    }

    /** The section under {@code metadata} in the mapping, or nothing declared when absent. */
    static ResourceMetadata read(YamlMapping parent, boolean layer) {
        YamlMapping y = parent.mapping("metadata");
        if (y == null) {
            return ResourceMetadata.none();
        }
        y.rejectUnknownKeys(KEYS.stream().filter(k -> layer ? !k.equals("services") : !k.equals("identifier")).toList());
        String identifier = y.optional("identifier");
        if (identifier != null && !isUuid(identifier)) {
            y.problem("identifier", "identifier '" + identifier + "' must be a UUID");
        }
        List<String> topics = y.list("topicCategories");
        topics.stream().filter(t -> !TOPIC_CATEGORIES.contains(t)).forEach(t -> y.problem("topicCategories",
                "'" + t + "' is not an ISO 19115 topic category (" + String.join(", ", TOPIC_CATEGORIES) + ")"));
        String frequency = y.optional("updateFrequency");
        if (frequency != null && !FREQUENCIES.contains(frequency)) {
            y.problem("updateFrequency", "'" + frequency + "' is not an ISO 19115 maintenance frequency ("
                    + String.join(", ", FREQUENCIES) + ")");
        }
        return new ResourceMetadata(identifier, y.optional("language"), topics, y.list("inspireThemes"),
                y.optional("lineage"), frequency, dates(y), y.optional("licence"), y.optional("useConstraints"),
                y.optional("accessConstraints"), scale(y), contact(y.mapping("contact")), links(y), conformity(y),
                services(y));
    }

    /** A contact mapping (the keys of service.yaml's contact), or null when absent. */
    static ServiceMetadata.Contact contact(YamlMapping c) {
        if (c == null) {
            return null;
        }
        c.rejectUnknownKeys(CatalogLoader.CONTACT_KEYS);
        return new ServiceMetadata.Contact(c.optional("organisation"), c.optional("person"), c.optional("position"),
                c.optional("email"), c.optional("phone"), c.optional("address"), c.optional("city"),
                c.optional("postCode"), c.optional("country"), c.optional("url"));
    }

    private static boolean isUuid(String s) {
        try {
            return UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, LocalDate> dates(YamlMapping y) {
        YamlMapping d = y.mapping("dates");
        Map<String, LocalDate> dates = new LinkedHashMap<>();
        if (d != null) {
            d.rejectUnknownKeys(List.copyOf(DATE_TYPES));
            for (String type : DATE_TYPES) {
                LocalDate date = date(d, type);
                if (date != null) {
                    dates.put(type, date);
                }
            }
        }
        return dates;
    }

    private static LocalDate date(YamlMapping y, String key) {
        String value = y.optional(key);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            y.problem(key, "'" + value + "' is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    private static Integer scale(YamlMapping y) {
        String value = y.optional("scaleDenominator");
        try {
            int scale = value == null ? 1 : Integer.parseInt(value);
            if (scale < 1) {
                throw new NumberFormatException();
            }
            return value == null ? null : scale;
        } catch (NumberFormatException e) {
            y.problem("scaleDenominator", "scaleDenominator must be a positive whole number");
            return null;
        }
    }

    private static List<ResourceMetadata.Link> links(YamlMapping y) {
        List<ResourceMetadata.Link> links = new ArrayList<>();
        for (YamlMapping l : y.mappings("links")) {
            l.rejectUnknownKeys(List.of("title", "url"));
            links.add(new ResourceMetadata.Link(l.required("title"), l.required("url")));
        }
        return links;
    }

    private static List<ResourceMetadata.Conformity> conformity(YamlMapping y) {
        List<ResourceMetadata.Conformity> list = new ArrayList<>();
        for (YamlMapping c : y.mappings("conformity")) {
            c.rejectUnknownKeys(List.of("specification", "date", "pass"));
            String pass = c.optional("pass");
            if (pass != null && !pass.equals("true") && !pass.equals("false")) {
                c.problem("pass", "pass is true or false (absent: not evaluated)");
            }
            LocalDate date = date(c, "date");
            if (c.optional("date") == null) {
                c.problem("date", "a conformity statement needs the specification's date");
            }
            list.add(new ResourceMetadata.Conformity(c.required("specification"), date,
                    pass == null ? null : Boolean.valueOf(pass)));
        }
        return list;
    }

    private static Map<String, String> services(YamlMapping y) {
        YamlMapping s = y.mapping("services");
        Map<String, String> services = new LinkedHashMap<>();
        if (s != null) {
            for (String name : s.locations().keySet()) {
                if (name.isEmpty()) {
                    continue;
                }
                String id = s.optional(name);
                if (id != null && !isUuid(id)) {
                    s.problem(name, "the record identifier of " + name + " must be a UUID");
                } else if (id != null) {
                    services.put(name.toUpperCase(java.util.Locale.ROOT), id);
                }
            }
        }
        return services;
    }
}
