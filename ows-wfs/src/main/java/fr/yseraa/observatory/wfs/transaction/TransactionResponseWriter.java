package fr.yseraa.observatory.wfs.transaction;

import fr.yseraa.observatory.core.xml.XmlWriter;
import fr.yseraa.observatory.wfs.WfsVersion;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes wfs:TransactionResponse (WFS 2.0.0, or 1.1.0 whose results list only the inserted features), or WFS 1.0.0's
 * WFS_TransactionResponse.
 */
public final class TransactionResponseWriter {

    private static final String FES = "http://www.opengis.net/fes/2.0";
    private static final String OGC = "http://www.opengis.net/ogc";

    private TransactionResponseWriter() {
    }

    public static void write(WfsVersion version, TransactionResult result, OutputStream out) {
        String wfs = version.wfsNamespace();
        try (XmlWriter x = new XmlWriter(out)) {
            x.start("wfs", wfs, "TransactionResponse").namespace("wfs", wfs)
                    .namespace(version.isV2() ? "fes" : "ogc", version.isV2() ? FES : OGC)
                    .namespace("xsi", WfsVersion.XSI)
                    .attribute("version", version.number())
                    .attribute("xsi", WfsVersion.XSI, "schemaLocation", wfs + " " + version.wfsSchema());
            x.start("wfs", wfs, "TransactionSummary");
            x.element("wfs", wfs, "totalInserted", Integer.toString(result.inserted().size()));
            x.element("wfs", wfs, "totalUpdated", Integer.toString(result.updated().size()));
            if (version.isV2()) {
                x.element("wfs", wfs, "totalReplaced", Integer.toString(result.replaced().size()));
            }
            x.element("wfs", wfs, "totalDeleted", Long.toString(result.deleted()));
            x.end();
            results(x, version, "InsertResults", result.inserted());
            if (version.isV2()) {
                results(x, version, "UpdateResults", result.updated());
                results(x, version, "ReplaceResults", result.replaced());
            }
            x.end();
        }
    }

    /**
     * WFS 1.0.0's WFS_TransactionResponse (a committed transaction: its inserted features' ids and SUCCESS), for the
     * clients that send 1.0.0 Transactions.
     */
    public static void writeWfs100(TransactionResult result, OutputStream out) {
        String wfs = WfsVersion.V1_1_0.wfsNamespace();
        try (XmlWriter x = new XmlWriter(out)) {
            x.start("wfs", wfs, "WFS_TransactionResponse").namespace("wfs", wfs).namespace("ogc", OGC)
                    .namespace("xsi", WfsVersion.XSI).attribute("version", "1.0.0")
                    .attribute("xsi", WfsVersion.XSI, "schemaLocation",
                            wfs + " http://schemas.opengis.net/wfs/1.0.0/WFS-transaction.xsd");
            for (TransactionResult.Written w : result.inserted()) {
                x.start("wfs", wfs, "InsertResult");
                if (w.handle() != null) {
                    x.attribute("handle", w.handle());
                }
                x.empty("ogc", OGC, "FeatureId").attribute("fid", w.id());
                x.end();
            }
            x.start("wfs", wfs, "TransactionResult").start("wfs", wfs, "Status").empty("wfs", wfs, "SUCCESS").end()
                    .end();
            x.end();
        }
    }

    private static void results(XmlWriter x, WfsVersion version, String element, List<TransactionResult.Written> written) {
        if (written.isEmpty()) {
            return; // the schema wants at least one Feature in a results element
        }
        String wfs = version.wfsNamespace();
        x.start("wfs", wfs, element);
        for (TransactionResult.Written w : written) {
            x.start("wfs", wfs, "Feature");
            if (w.handle() != null) {
                x.attribute("handle", w.handle());
            }
            if (version.isV2()) {
                x.empty("fes", FES, "ResourceId").attribute("rid", w.id());
            } else {
                x.empty("ogc", OGC, "FeatureId").attribute("fid", w.id());
            }
            x.end();
        }
        x.end();
    }
}
