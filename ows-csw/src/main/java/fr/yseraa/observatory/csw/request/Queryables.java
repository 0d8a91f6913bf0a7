package fr.yseraa.observatory.csw.request;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.filter.FilterEvaluator;
import fr.yseraa.observatory.core.filter.FilterProperties;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.csw.record.MetadataRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * The catalogue's queryables (CSW 2.0.2's core queryables and their ISO profile names: AnyText, Title, Abstract,
 * Subject, Identifier, Modified, Type, BoundingBox, and a few ISO ones), names matched without prefix and case; a
 * record is evaluated by the shared {@link FilterEvaluator} as a feature whose attributes are its queryables and
 * whose geometry is its WGS 84 box. Subject has several values: a record matches when the filter holds for one of
 * them.
 */
public final class Queryables {

    /** The Dublin Core queryables, as capabilities list them. */
    public static final List<String> DUBLIN_CORE = List.of("csw:AnyText", "dc:title", "dct:abstract", "dc:subject",
            "dc:identifier", "dct:modified", "dc:type", "ows:BoundingBox");
    /** The ISO profile's queryables served. */
    public static final List<String> ISO = List.of("apiso:AnyText", "apiso:Title", "apiso:Abstract", "apiso:Subject",
            "apiso:Identifier", "apiso:Modified", "apiso:Type", "apiso:BoundingBox", "apiso:TopicCategory",
            "apiso:OrganisationName", "apiso:Language", "apiso:ServiceType");

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final String SUBJECT = "Subject";
    /** Names compared without their prefix ({@code dc:title} is {@code Title}) and without case. */
    private static final Comparator<String> NAMES = Comparator.comparing(Queryables::localName,
            String.CASE_INSENSITIVE_ORDER);
    /** Scalar queryables by name. */
    private static final Map<String, Function<MetadataRecord, Object>> SCALARS = new TreeMap<>(NAMES);
    private static final List<String> GEOMETRY = List.of("BoundingBox", "the_geom", "geometry");

    static {
        SCALARS.put("AnyText", MetadataRecord::anyText);
        SCALARS.put("Title", MetadataRecord::title);
        SCALARS.put("Abstract", MetadataRecord::abstractText);
        SCALARS.put("Identifier", MetadataRecord::identifier);
        SCALARS.put("Modified", MetadataRecord::dateStamp);
        SCALARS.put("Type", r -> r.scope().code());
        SCALARS.put("OrganisationName", r -> r.contact().organisation());
        SCALARS.put("Language", r -> r.metadata().language());
        SCALARS.put("ServiceType", r -> r.service() == null ? null : r.service().type());
        SCALARS.put("TopicCategory", r -> String.join(" ", r.metadata().topicCategories()));
    }

    private Queryables() {
    }

    /** Checks that the filter names only queryables (InvalidParameterValue on Constraint otherwise). */
    public static void check(Filter filter) {
        for (String name : FilterProperties.of(filter)) {
            if (!SCALARS.containsKey(name) && NAMES.compare(name, SUBJECT) != 0
                    && GEOMETRY.stream().noneMatch(g -> NAMES.compare(name, g) == 0)) {
                throw OwsException.invalidParameter("Constraint", "'" + name + "' is not a queryable of this catalogue; "
                        + "queryables: " + String.join(", ", DUBLIN_CORE) + ", " + String.join(", ", ISO));
            }
        }
    }

    /** The records the filter selects (all when null), sorted when asked. */
    public static List<MetadataRecord> select(List<MetadataRecord> records, Filter filter,
                                              GetRecordsRequest.SortBy sortBy) {
        List<MetadataRecord> selected = new ArrayList<>();
        for (MetadataRecord r : records) {
            if (filter == null || matches(filter, r)) {
                selected.add(r);
            }
        }
        if (sortBy != null) {
            Function<MetadataRecord, Object> key = SCALARS.get(sortBy.property());
            if (key == null) {
                throw OwsException.invalidParameter("sortBy", "'" + sortBy.property() + "' is not a queryable one can "
                        + "sort on (" + String.join(", ", SCALARS.keySet()) + ")");
            }
            Comparator<MetadataRecord> order = Comparator.comparing(r -> String.valueOf(key.apply(r)),
                    String.CASE_INSENSITIVE_ORDER);
            selected.sort(sortBy.descending() ? order.reversed() : order);
        }
        return selected;
    }

    private static boolean matches(Filter filter, MetadataRecord r) {
        Map<String, Object> attributes = new TreeMap<>(NAMES);
        SCALARS.forEach((name, getter) -> attributes.put(name, getter.apply(r)));
        Geometry box = box(r.wgs84());
        List<String> subjects = r.subjects();
        if (subjects.isEmpty()) {
            return FilterEvaluator.matches(filter, new Feature(r.identifier(), attributes, box));
        }
        for (String subject : subjects) {
            attributes.put(SUBJECT, subject);
            if (FilterEvaluator.matches(filter, new Feature(r.identifier(), attributes, box))) {
                return true;
            }
        }
        return false;
    }

    private static String localName(String name) {
        return name.substring(name.indexOf(':') + 1);
    }

    private static Geometry box(Envelope e) {
        return e == null ? null : WGS84.toGeometry(e);
    }
}
