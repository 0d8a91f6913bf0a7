package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.catalog.Workspace;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DescribeFeatureType URLs, for the schema locations of feature documents and multi-namespace schemas. */
public final class DescribeUrls {

    private DescribeUrls() {
    }

    public static String of(String serviceUrl, WfsVersion version, List<LayerInfo> layers) {
        String names = String.join(",", layers.stream().map(LayerInfo::qualifiedName).toList());
        return serviceUrl + "?service=WFS&version=" + version.number() + "&request=DescribeFeatureType&"
                + version.typeNamesParameter() + "=" + URLEncoder.encode(names, StandardCharsets.UTF_8);
    }

    /** Pairs of "namespace DescribeFeatureType-URL" for the xsi:schemaLocation of a document holding the layers. */
    public static String schemaLocations(String serviceUrl, WfsVersion version, List<LayerInfo> layers) {
        Map<Workspace, List<LayerInfo>> byWorkspace = new LinkedHashMap<>();
        layers.forEach(l -> byWorkspace.computeIfAbsent(l.workspace(), w -> new ArrayList<>()).add(l));
        StringBuilder b = new StringBuilder();
        byWorkspace.forEach((w, ls) -> b.append(' ').append(w.namespaceUri()).append(' ')
                .append(of(serviceUrl, version, ls)));
        return b.toString();
    }
}
