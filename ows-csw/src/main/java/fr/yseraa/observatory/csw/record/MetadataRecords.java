package fr.yseraa.observatory.csw.record;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.catalog.ResourceMetadata;
import fr.yseraa.observatory.core.catalog.ServiceMetadata;
import fr.yseraa.observatory.core.crs.CrsList;
import fr.yseraa.observatory.core.feature.CallerFeatures;
import fr.yseraa.observatory.core.feature.FeatureRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Envelope;

/**
 * Builds the metadata records a caller may read: one per layer the caller may read (its extents as the caller sees
 * the data) and one per service that has a record identifier in {@code service.yaml} (listing those layers).
 */
public final class MetadataRecords {

    private final Supplier<Catalog> catalog;
    private final FeatureRepository features;
    private final TimeExtentSource times;
    private final List<ServiceEndpoint> services;
    private final List<LayerLink> layerLinks;

    public MetadataRecords(Supplier<Catalog> catalog, FeatureRepository features, TimeExtentSource times,
                           List<ServiceEndpoint> services, List<LayerLink> layerLinks) {
        this.catalog = catalog;
        this.features = features;
        this.times = times;
        this.services = List.copyOf(services);
        this.layerLinks = List.copyOf(layerLinks);
    }

    /** The records the caller may read, layers first in catalog order, then services. */
    public List<MetadataRecord> forCaller(Caller caller, String rootUrl) {
        Catalog c = catalog.get();
        CallerFeatures seen = features.forCaller(c, caller);
        List<MetadataRecord> datasets = new ArrayList<>();
        for (LayerInfo layer : seen.layers()) {
            datasets.add(dataset(c, seen, layer, rootUrl));
        }
        List<MetadataRecord> all = new ArrayList<>(datasets);
        ServiceMetadata s = c.service();
        for (ServiceEndpoint endpoint : services) {
            String id = s.metadata().services().get(endpoint.name());
            if (id != null) {
                all.add(service(s, endpoint, id, datasets, rootUrl));
            }
        }
        return all;
    }

    private MetadataRecord dataset(Catalog c, CallerFeatures seen, LayerInfo layer, String rootUrl) {
        ResourceMetadata m = c.metadata(layer);
        Envelope wgs84 = seen.wgs84Extent(layer);
        List<MetadataRecord.OnlineLink> links = new ArrayList<>();
        for (ServiceEndpoint e : services) {
            links.add(new MetadataRecord.OnlineLink(rootUrl + e.path(), e.protocol(), layer.qualifiedName(),
                    layer.title()));
        }
        for (LayerLink l : layerLinks) {
            links.add(new MetadataRecord.OnlineLink(rootUrl + l.path(layer.qualifiedName()), l.protocol(),
                    layer.qualifiedName(), l.description()));
        }
        for (ResourceMetadata.Link l : m.links()) {
            links.add(new MetadataRecord.OnlineLink(l.url(), "WWW:LINK", null, l.title()));
        }
        String namespace = layer.workspace().namespaceUri();
        return new MetadataRecord(layer.recordIdentifier(), MetadataRecord.Scope.DATASET,
                namespace + (namespace.endsWith("/") ? "" : "/") + layer.recordIdentifier(), layer.title(),
                layer.abstractText(), layer.definition().keywords(), m,
                m.contact() != null ? m.contact() : c.service().contact(),
                lastModified(layer.definition().location("").file()), wgs84.isNull() ? null : wgs84,
                times.of(c, layer, seen.caller()).orElse(null), CrsList.srids(layer.definition().crs()).stream()
                        .toList(), links, null);
    }

    private static MetadataRecord service(ServiceMetadata s, ServiceEndpoint endpoint, String id,
                                          List<MetadataRecord> datasets, String rootUrl) {
        Envelope all = new Envelope();
        datasets.stream().filter(d -> d.wgs84() != null).forEach(d -> all.expandToInclude(d.wgs84()));
        String capabilities = rootUrl + endpoint.path();
        List<MetadataRecord.OnlineLink> operations = new ArrayList<>();
        String base = rootUrl + endpoint.path().substring(0, endpoint.path().indexOf('?') + 1);
        for (String op : endpoint.operations()) {
            operations.add(new MetadataRecord.OnlineLink(op.equals("GetCapabilities") ? capabilities : base,
                    endpoint.protocol(), op, null));
        }
        MetadataRecord.ServiceInfo info = new MetadataRecord.ServiceInfo(endpoint.type(), endpoint.version(),
                endpoint.classification(), operations, datasets);
        ResourceMetadata m = s.metadata();
        return new MetadataRecord(id, MetadataRecord.Scope.SERVICE, null,
                s.title() + " — " + endpoint.name(), s.abstractText(), s.keywords(), m, s.contact(),
                serviceDate(datasets), all.isNull() ? null : all, null, List.of(),
                List.of(new MetadataRecord.OnlineLink(capabilities, endpoint.protocol(), null, s.title())), info);
    }

    /** A service's record changes with its layers'. */
    private static LocalDate serviceDate(List<MetadataRecord> datasets) {
        return datasets.stream().map(MetadataRecord::dateStamp).max(LocalDate::compareTo)
                .orElse(LocalDate.now(ZoneOffset.UTC));
    }

    /** The date the layer's file (its metadata section) was last changed. */
    private static LocalDate lastModified(Path file) {
        try {
            return LocalDate.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneOffset.UTC);
        } catch (IOException e) {
            return LocalDate.now(ZoneOffset.UTC);
        }
    }
}
