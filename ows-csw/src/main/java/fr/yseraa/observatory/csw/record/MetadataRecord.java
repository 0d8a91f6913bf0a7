package fr.yseraa.observatory.csw.record;

import fr.yseraa.observatory.core.catalog.ResourceMetadata;
import fr.yseraa.observatory.core.catalog.ServiceMetadata;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * One metadata record, as a caller may see it: a layer (a dataset) or a service, with what the catalog computes
 * (extents as the caller sees the data, links) and what the data directory declares ({@link ResourceMetadata}).
 * {@link IsoRecordWriter} writes it in ISO 19139, {@link DublinCoreWriter} as a {@code csw:Record}.
 *
 * @param identifier the record's identifier (a UUID), also the resource's
 * @param resourceCode the resource's unique identifier (a URI)
 * @param keywords free keywords
 * @param metadata the declared content, service.yaml's defaults included
 * @param contact who answers for the resource
 * @param dateStamp when the record's content was last changed
 * @param wgs84 the longitude/latitude extent of what the caller sees; null when nothing
 * @param time the time extent of what the caller sees; null when the resource has none
 * @param crs the reference systems offered (EPSG codes)
 * @param links where the resource is served
 * @param service what a service record adds; null for a dataset
 */
public record MetadataRecord(String identifier, Scope scope, String resourceCode, String title, String abstractText,
                             List<String> keywords, ResourceMetadata metadata, ServiceMetadata.Contact contact,
                             LocalDate dateStamp, Envelope wgs84, TimeRange time, List<Integer> crs,
                             List<OnlineLink> links, ServiceInfo service) {

    public MetadataRecord {
        keywords = List.copyOf(keywords);
        crs = List.copyOf(crs);
        links = List.copyOf(links);
    }

    /** What the record describes, as ISO 19115's MD_ScopeCode and Dublin Core's type name it. */
    public enum Scope {
        DATASET("dataset"), SERVICE("service");

        private final String code;

        Scope(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public record TimeRange(LocalDateTime begin, LocalDateTime end) {
    }

    /**
     * A place the resource is served.
     *
     * @param protocol as catalogues name them ({@code OGC:WMS}, {@code OGC:WFS}...)
     * @param name the layer's name in that service, or null
     */
    public record OnlineLink(String url, String protocol, String name, String description) {
    }

    /**
     * @param type the INSPIRE spatial data service type ({@code view}, {@code download})
     * @param version the standard's version
     * @param classification the ISO 19119 service classification keyword ({@code infoMapAccessService}...)
     * @param operations the operations and their URL
     * @param operatesOn the datasets the service serves to the caller
     */
    public record ServiceInfo(String type, String version, String classification, List<OnlineLink> operations,
                              List<MetadataRecord> operatesOn) {
        public ServiceInfo {
            operations = List.copyOf(operations);
            operatesOn = List.copyOf(operatesOn);
        }
    }

    /** All the words of the record, for {@code AnyText} queries. */
    public String anyText() {
        StringBuilder b = new StringBuilder();
        for (String s : new String[] {identifier, title, abstractText, metadata.lineage(), metadata.licence(),
                metadata.useConstraints(), metadata.accessConstraints()}) {
            if (s != null) {
                b.append(s).append('\n');
            }
        }
        keywords.forEach(k -> b.append(k).append('\n'));
        metadata.inspireThemes().forEach(k -> b.append(k).append('\n'));
        metadata.topicCategories().forEach(k -> b.append(k).append('\n'));
        return b.toString();
    }

    /** Free keywords, INSPIRE themes and topic categories: Dublin Core's subjects. */
    public List<String> subjects() {
        List<String> all = new java.util.ArrayList<>(keywords);
        all.addAll(metadata.inspireThemes());
        all.addAll(metadata.topicCategories());
        return all;
    }
}
