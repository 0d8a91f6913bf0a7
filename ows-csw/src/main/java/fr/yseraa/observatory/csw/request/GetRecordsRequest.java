package fr.yseraa.observatory.csw.request;

import fr.yseraa.observatory.core.filter.CqlParser;
import fr.yseraa.observatory.core.filter.FesParser;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.csw.record.ElementSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * A GetRecords request, from KVP or XML: what to find (the constraint, compiled to the shared filter model), which
 * page, in which schema and element set, and what to answer (hits, results or validate).
 *
 * @param startPosition the first record wanted, from 1
 * @param maxRecords how many records at most (0: only the count)
 * @param sortBy the queryable to sort on, or null for the catalogue's order
 * @param echo the XML request as received, for {@code resultType=validate}; null for KVP
 * @param kvp the KVP request as received, for {@code resultType=validate}; null for XML
 */
public record GetRecordsRequest(ResultType resultType, OutputSchema outputSchema, int startPosition, int maxRecords,
                                ElementSet elementSet, Filter constraint, SortBy sortBy, String requestId,
                                Element echo, KvpParameters kvp) {

    public enum ResultType { HITS, RESULTS, VALIDATE }

    /** Sort on a queryable, ascending or descending. */
    public record SortBy(String property, boolean descending) {
    }

    static final int DEFAULT_MAX_RECORDS = 10;
    static final List<String> TYPE_NAMES = List.of("csw:Record", "gmd:MD_Metadata");

    public static GetRecordsRequest fromKvp(KvpParameters kvp) {
        checkOutputFormat(kvp.get("outputFormat"));
        checkTypeNames(kvp.get("typeNames").orElseThrow(() -> OwsException.missingParameter("typeNames")));
        if (kvp.get("ElementName").isPresent()) {
            throw new OwsException(OwsExceptionCode.OPTION_NOT_SUPPORTED, "ElementName",
                    "ElementName is not supported; ask for an ElementSetName (brief, summary, full)");
        }
        Filter constraint = kvp.get("constraint").map(c -> constraint(c,
                kvp.get("constraintLanguage").orElseThrow(() -> OwsException.missingParameter("constraintLanguage"))))
                .orElse(null);
        return new GetRecordsRequest(resultType(kvp.get("resultType")),
                OutputSchema.of(kvp.get("outputSchema")), positive(kvp.get("startPosition"), "startPosition", 1, 1),
                positive(kvp.get("maxRecords"), "maxRecords", 0, DEFAULT_MAX_RECORDS),
                elementSet(kvp.get("ElementSetName"), ElementSet.SUMMARY), constraint,
                kvp.get("sortBy").map(GetRecordsRequest::sortBy).orElse(null), kvp.get("requestId").orElse(null),
                null, kvp);
    }

    public static GetRecordsRequest fromXml(byte[] body) {
        Element root = XmlRequest.root(body);
        checkOutputFormat(XmlRequest.attribute(root, "outputFormat"));
        Element query = XmlRequest.child(root, "Query").orElseThrow(() -> new OwsException(
                OwsExceptionCode.MISSING_PARAMETER_VALUE, "Query", "GetRecords needs a csw:Query"));
        checkTypeNames(XmlRequest.attribute(query, "typeNames")
                .orElseThrow(() -> OwsException.missingParameter("typeNames")));
        if (XmlRequest.child(query, "ElementName").isPresent()) {
            throw new OwsException(OwsExceptionCode.OPTION_NOT_SUPPORTED, "ElementName",
                    "ElementName is not supported; ask for an ElementSetName (brief, summary, full)");
        }
        Filter constraint = null;
        Optional<Element> c = XmlRequest.child(query, "Constraint");
        if (c.isPresent()) {
            Optional<Element> filter = XmlRequest.child(c.get(), "Filter");
            Optional<String> cql = XmlRequest.text(c.get(), "CqlText");
            if (filter.isPresent()) {
                constraint = FesParser.parse(filter.get(), "Constraint");
            } else if (cql.isPresent()) {
                constraint = CqlParser.parse(cql.get(), "Constraint");
            } else {
                throw OwsException.invalidParameter("Constraint", "a Constraint holds an ogc:Filter or a csw:CqlText");
            }
        }
        SortBy sort = XmlRequest.child(query, "SortBy").flatMap(s -> XmlRequest.child(s, "SortProperty"))
                .map(p -> new SortBy(localName(XmlRequest.text(p, "PropertyName").orElse("")),
                        XmlRequest.text(p, "SortOrder").orElse("ASC").equalsIgnoreCase("DESC")))
                .orElse(null);
        return new GetRecordsRequest(resultType(XmlRequest.attribute(root, "resultType")),
                OutputSchema.of(XmlRequest.attribute(root, "outputSchema")),
                positive(XmlRequest.attribute(root, "startPosition"), "startPosition", 1, 1),
                positive(XmlRequest.attribute(root, "maxRecords"), "maxRecords", 0, DEFAULT_MAX_RECORDS),
                elementSet(XmlRequest.text(query, "ElementSetName"), ElementSet.SUMMARY), constraint, sort,
                XmlRequest.attribute(root, "requestId").orElse(null), root, null);
    }

    /** The ElementSetName asked for (brief, summary, full), or the default. */
    public static ElementSet elementSet(Optional<String> name, ElementSet fallback) {
        return name.map(n -> ElementSet.of(n).orElseThrow(() -> OwsException.invalidParameter("ElementSetName",
                "ElementSetName is brief, summary or full, not " + n))).orElse(fallback);
    }

    /** Only XML is written. */
    public static void checkOutputFormat(Optional<String> format) {
        if (format.isPresent() && !format.get().equals("application/xml") && !format.get().equals("text/xml")) {
            throw OwsException.invalidParameter("outputFormat", "outputFormat is application/xml, not " + format.get());
        }
    }

    private static Filter constraint(String text, String language) {
        return switch (language.toUpperCase(Locale.ROOT)) {
            case "CQL_TEXT" -> CqlParser.parse(text, "Constraint");
            case "FILTER" -> FesParser.parse(text, "Constraint");
            default -> throw OwsException.invalidParameter("constraintLanguage",
                    "constraintLanguage is FILTER or CQL_TEXT, not " + language);
        };
    }

    private static void checkTypeNames(String typeNames) {
        for (String name : typeNames.trim().split("[\\s,]+")) {
            String local = localName(name);
            if (!local.equals("Record") && !local.equals("MD_Metadata")) {
                throw OwsException.invalidParameter("typeNames", "this catalogue holds " + String.join(" and ",
                        TYPE_NAMES) + ", not " + name);
            }
        }
    }

    private static String localName(String qualified) {
        return qualified.substring(qualified.indexOf(':') + 1).trim();
    }

    private static ResultType resultType(Optional<String> value) {
        if (value.isEmpty()) {
            return ResultType.HITS;
        }
        for (ResultType t : ResultType.values()) {
            if (t.name().equalsIgnoreCase(value.get())) {
                return t;
            }
        }
        throw OwsException.invalidParameter("resultType", "resultType is hits, results or validate, not " + value.get());
    }

    private static int positive(Optional<String> value, String name, int min, int fallback) {
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(value.get().trim());
            if (v < min) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw OwsException.invalidParameter(name, name + " is a whole number of at least " + min + ", not "
                    + value.get());
        }
    }

    /** KVP sortBy: {@code property[:A|:D]}, one property. */
    private static SortBy sortBy(String value) {
        String[] parts = value.split(",")[0].split(":");
        String last = parts[parts.length - 1];
        boolean hasOrder = parts.length > 1 && (last.equals("A") || last.equals("D"));
        String property = hasOrder ? parts[parts.length - 2] : last;
        return new SortBy(property, hasOrder && last.equals("D"));
    }
}
