package fr.yseraa.observatory.wfs.lock;

import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wfs.WfsVersion;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes {@code wfs:LockFeatureResponse}: WFS 2.0 (the lockId attribute, fes:ResourceId rid) or WFS 1.1 (a
 * wfs:LockId element, ogc:FeatureId fid). The locked features are streamed from the lock store, however many.
 */
final class LockFeatureResponseWriter {

    private static final String FES = "http://www.opengis.net/fes/2.0";
    private static final String OGC = "http://www.opengis.net/ogc";

    private final WfsVersion version;
    private final String wfs;

    LockFeatureResponseWriter(WfsVersion version) {
        this.version = version;
        this.wfs = version.wfsNamespace();
    }

    void write(String lockId, LockStore store, List<String> notLocked, OutputStream out) {
        try (XmlWriter x = new XmlWriter(out)) {
            x.start("wfs", wfs, "LockFeatureResponse");
            x.namespace("wfs", wfs);
            x.namespace(version.isV2() ? "fes" : "ogc", version.isV2() ? FES : OGC);
            x.namespace("xsi", WfsVersion.XSI);
            x.attribute("xsi", WfsVersion.XSI, "schemaLocation", wfs + " " + version.wfsSchema());
            if (version.isV2()) {
                x.attribute("lockId", lockId);
            } else {
                x.element("wfs", wfs, "LockId", lockId);
            }
            boolean[] opened = {false};
            store.forEachLocked(lockId, (type, id) -> {
                if (!opened[0]) {
                    x.start("wfs", wfs, "FeaturesLocked");
                    opened[0] = true;
                }
                featureId(x, id);
            });
            if (opened[0]) {
                x.end();
            }
            if (!notLocked.isEmpty()) {
                x.start("wfs", wfs, "FeaturesNotLocked");
                notLocked.forEach(id -> featureId(x, id));
                x.end();
            }
            x.end();
        }
    }

    private void featureId(XmlWriter x, String id) {
        if (version.isV2()) {
            x.empty("fes", FES, "ResourceId").attribute("rid", id);
        } else {
            x.empty("ogc", OGC, "FeatureId").attribute("fid", id);
        }
    }
}
