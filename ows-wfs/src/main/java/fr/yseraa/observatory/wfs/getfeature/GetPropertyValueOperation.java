package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.PagePlan;
import fr.yseraa.observatory.core.feature.ValueFormat;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wfs.FeatureTypes;
import fr.yseraa.observatory.wfs.WfsVersion;
import fr.yseraa.observatory.wfs.output.CollectionHeader;
import fr.yseraa.observatory.wfs.output.GmlGeometryWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * GetPropertyValue (WFS 2.0): the values of one property of the features a query selects, as a
 * {@code wfs:ValueCollection}, streamed; geometries as GML 3.2. The access policy applies as for GetFeature.
 */
public final class GetPropertyValueOperation {

    private static final WfsVersion V2 = WfsVersion.V2_0_0;
    private static final String WFS = V2.wfsNamespace();
    private static final String GML_ID = "@gml:id";

    private final FeatureTypes types;
    private final int maxFeatures;
    private final PagePlanner planner;

    public GetPropertyValueOperation(FeatureTypes types, int maxFeatures, PagePlanner planner) {
        this.types = types;
        this.maxFeatures = maxFeatures;
        this.planner = planner;
    }

    /**
     * @param request the query part, as GetFeature parses it
     * @param valueReference the property, possibly prefixed
     */
    public void execute(GetFeatureRequest request, String valueReference, OwsResponse response) throws IOException {
        if (request.queries().size() != 1) {
            throw OwsException.invalidParameter("typeNames", "GetPropertyValue takes exactly one feature type");
        }
        TypeQuery asked = request.queries().get(0);
        LayerInfo layer = asked.layer();
        boolean gmlId = GML_ID.equals(valueReference.trim());
        String property = QueryBuilder.localName(valueReference);
        boolean geometry = !gmlId && property.equals(layer.geometryColumn());
        boolean visible = types.features().access(layer)
                .attributeExpressions().containsKey(property);
        if (!gmlId && !geometry && !visible) {
            throw OwsException.invalidParameter("valueReference", "Feature type " + layer.qualifiedName()
                    + " has no property " + valueReference);
        }
        TypeQuery query = new TypeQuery(layer, geometry || gmlId ? List.of() : List.of(property), geometry,
                asked.crs(), asked.bbox(), asked.bboxSrid(),
                asked.sortBy(), asked.resourceIds(), asked.filter(), asked.filterLocator());
        MatchingFeatures source = MatchingFeatures.of(types, query);
        long count = request.count() == null ? maxFeatures : Math.min(request.count(), maxFeatures);
        PagePlan plan = planner.plan(List.of(source), request.startIndex(), count, request.hits());
        response.setContentType("application/gml+xml; version=3.2");
        try (OutputStream out = response.body(); XmlWriter x = new XmlWriter(out)) {
            x.start("wfs", WFS, "ValueCollection").namespace("wfs", WFS).namespace("gml", V2.gmlNamespace())
                    .namespace("xsi", WfsVersion.XSI);
            x.attribute("xsi", WfsVersion.XSI, "schemaLocation", WFS + " " + V2.wfsSchema() + " "
                    + V2.gmlNamespace() + " " + V2.gmlSchema());
            x.attribute("timeStamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            x.attribute("numberMatched", CollectionHeader.numberMatched(plan.matched()));
            x.attribute("numberReturned", Long.toString(plan.returned()));
            PagePlan.Page page = plan.pages().get(0);
            if (page.limit() > 0) {
                GmlGeometryWriter geometries = new GmlGeometryWriter(x, V2.gmlNamespace(), true);
                source.stream(page.offset(), (int) page.limit(),
                        f -> member(x, geometries, query, f, gmlId ? null : property));
            }
            x.end();
        }
    }

    /** @param property the attribute whose value is written, or null for the feature id */
    private static void member(XmlWriter x, GmlGeometryWriter geometries, TypeQuery query, Feature f,
                               String property) {
        x.start("wfs", WFS, "member");
        if (property == null) {
            x.text(f.id());
        } else if (query.withGeometry()) {
            if (f.geometry() != null) {
                geometries.write(f.geometry(), query.crs(), f.id() + ".geom");
            }
        } else {
            x.text(ValueFormat.text(f.attributes().get(property)));
        }
        x.end();
    }
}
