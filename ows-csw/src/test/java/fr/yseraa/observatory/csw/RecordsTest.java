package fr.yseraa.observatory.csw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.catalog.ResourceMetadata;
import fr.yseraa.observatory.core.catalog.ServiceMetadata;
import fr.yseraa.observatory.core.filter.CqlParser;
import fr.yseraa.observatory.core.filter.FesParser;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.xml.OgcSchemas;
import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.csw.record.ElementSet;
import fr.yseraa.observatory.csw.record.IsoRecordWriter;
import fr.yseraa.observatory.csw.record.MetadataRecord;
import fr.yseraa.observatory.csw.request.Queryables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/** Records without a database: ISO 19139 validity of every part and element set, and the queryables' semantics. */
class RecordsTest {

    static final ServiceMetadata.Contact CONTACT = new ServiceMetadata.Contact("Observatoire", "A. Dupont", "Gestion",
            "contact@example.org", "+33 3 21 00 00 00", "1 place", "Saint-Omer", "62500", "France", "https://example.org");
    static final ResourceMetadata METADATA = new ResourceMetadata(null, "fre", List.of("biota"),
            List.of("Répartition des espèces"), "Relevés", "continual",
            Map.of("publication", LocalDate.of(2026, 11, 23), "revision", LocalDate.of(2026, 12, 6)), "Licence Ouverte",
            "Pas d'usage commercial", "Restriction au titre de l'article 13(1)(h)", 25000, null,
            List.of(new ResourceMetadata.Link("Fiche", "https://example.org/fiche")),
            List.of(new ResourceMetadata.Conformity("Règlement 1089/2010", LocalDate.of(2010, 12, 8), null),
                    new ResourceMetadata.Conformity("Spécification locale", LocalDate.of(2020, 1, 1), true)),
            Map.of());
    static final MetadataRecord DATASET = new MetadataRecord("57f75a2e-2ba6-4984-93da-34b1877024c8",
            MetadataRecord.Scope.DATASET, "https://example.org/sinp/57f75a2e-2ba6-4984-93da-34b1877024c8",
            "Occurrences de taxons", "Occurrences au standard SINP", List.of("SINP", "faune"), METADATA, CONTACT,
            LocalDate.of(2026, 12, 6), new Envelope(2.0, 2.6, 50.6, 51.0),
            new MetadataRecord.TimeRange(LocalDateTime.of(1990, 7, 2, 0, 0), LocalDateTime.of(2025, 12, 27, 10, 30)),
            List.of(2154, 4326), List.of(new MetadataRecord.OnlineLink("https://example.org/wfs?SERVICE=WFS", "OGC:WFS",
                    "sinp:occurrences", "Occurrences")), null);
    static final MetadataRecord SERVICE = new MetadataRecord("073bac2b-4be1-4cf9-8de2-d1bffd71155e",
            MetadataRecord.Scope.SERVICE, null, "Observatoire — WFS", null, List.of("biodiversité"),
            ResourceMetadata.none(), CONTACT, LocalDate.of(2026, 12, 6), new Envelope(2.0, 2.6, 50.6, 51.0), null,
            List.of(), List.of(new MetadataRecord.OnlineLink("https://example.org/wfs?SERVICE=WFS", "OGC:WFS", null,
                    null)), new MetadataRecord.ServiceInfo("download", "2.0.0", "infoFeatureAccessService",
                    List.of(new MetadataRecord.OnlineLink("https://example.org/wfs?", "OGC:WFS", "GetCapabilities", null),
                            new MetadataRecord.OnlineLink("https://example.org/wfs?", "OGC:WFS", "GetFeature", null)),
                    List.of(DATASET)));

    private static String iso(MetadataRecord r, ElementSet set) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XmlWriter x = new XmlWriter(out)) {
            new IsoRecordWriter(x, "https://example.org").write(r, set, true);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyElementSetOfBothKindsIsValidIso19139() throws Exception {
        for (MetadataRecord r : List.of(DATASET, SERVICE)) {
            for (ElementSet set : ElementSet.values()) {
                String xml = iso(r, set);
                assertThat(OgcSchemas.validate(List.of(IsoRecordWriter.GMD_SCHEMA, IsoRecordWriter.SRV_SCHEMA),
                        new StreamSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))))
                        .as(r.scope() + " " + set + ": " + xml).isEmpty();
            }
        }
        assertThat(iso(DATASET, ElementSet.FULL)).contains("<gml:beginPosition>1990-07-02T00:00:00Z</gml:beginPosition>",
                "<gml:endPosition>2025-12-27T10:30:00Z</gml:endPosition>", "<gco:Integer>25000</gco:Integer>",
                "<gmd:pass gco:nilReason=\"unknown\"/>", "<gco:Boolean>true</gco:Boolean>", "useLimitation");
        assertThat(iso(SERVICE, ElementSet.FULL)).contains("uuidref=\"57f75a2e-2ba6-4984-93da-34b1877024c8\"",
                "<srv:operationName><gco:CharacterString>GetFeature</gco:CharacterString></srv:operationName>",
                "<gco:ScopedName>sinp:occurrences</gco:ScopedName>", "<gmd:abstract gco:nilReason=\"missing\"/>")
                .doesNotContain("DQ_ConformanceResult");
    }

    @Test
    void queryablesIgnorePrefixesAndCaseAndMatchAnySubject() {
        List<MetadataRecord> both = List.of(DATASET, SERVICE);
        assertThat(Queryables.select(both, CqlParser.parse("dc:Subject = 'faune'", "Constraint"), null))
                .containsExactly(DATASET);
        assertThat(Queryables.select(both, CqlParser.parse("subject = 'biota' AND type = 'dataset'", "Constraint"), null))
                .containsExactly(DATASET);
        assertThat(Queryables.select(both, CqlParser.parse("apiso:ServiceType = 'download'", "Constraint"), null))
                .containsExactly(SERVICE);
        assertThat(Queryables.select(both, CqlParser.parse("Modified >= '2026-12-06'", "Constraint"),
                new fr.yseraa.observatory.csw.request.GetRecordsRequest.SortBy("title", true)))
                .containsExactly(DATASET, SERVICE);
        assertThat(Queryables.select(both, FesParser.parse("""
                <ogc:Filter xmlns:ogc="http://www.opengis.net/ogc"><ogc:PropertyIsLike wildCard="*" singleChar="?"
                escapeChar="!" matchCase="false"><ogc:PropertyName>csw:AnyText</ogc:PropertyName>
                <ogc:Literal>*article 13*</ogc:Literal></ogc:PropertyIsLike></ogc:Filter>""", "Constraint"), null))
                .containsExactly(DATASET);
        assertThatThrownBy(() -> Queryables.check(CqlParser.parse("observateur = 'x'", "Constraint")))
                .isInstanceOfSatisfying(OwsException.class, e -> assertThat(e.locator()).isEqualTo("Constraint"));
    }
}
