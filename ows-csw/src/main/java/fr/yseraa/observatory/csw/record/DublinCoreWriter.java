package fr.yseraa.observatory.csw.record;

import fr.yseraa.observatory.core.ows.OwsCommonWriter;
import fr.yseraa.observatory.core.xml.XmlWriter;
import org.locationtech.jts.geom.Envelope;

/**
 * Writes a record in CSW 2.0.2's Dublin Core schema: {@code csw:BriefRecord}, {@code csw:SummaryRecord} or
 * {@code csw:Record} (record.xsd), its box as {@code ows:BoundingBox} in EPSG:4326 and as
 * {@code ows:WGS84BoundingBox}. The enclosing document declares the
 * {@code csw}, {@code dc}, {@code dct} and {@code ows} prefixes.
 */
public final class DublinCoreWriter {

    public static final String CSW = "http://www.opengis.net/cat/csw/2.0.2";
    public static final String DC = "http://purl.org/dc/elements/1.1/";
    public static final String DCT = "http://purl.org/dc/terms/";
    public static final String OWS = OwsCommonWriter.OWS_1_0;

    private final XmlWriter x;

    public DublinCoreWriter(XmlWriter x) {
        this.x = x;
    }

    public void write(MetadataRecord r, ElementSet set) {
        x.start("csw", CSW, switch (set) {
            case BRIEF -> "BriefRecord";
            case SUMMARY -> "SummaryRecord";
            case FULL -> "Record";
        });
        x.element("dc", DC, "identifier", r.identifier());
        x.element("dc", DC, "title", r.title());
        x.element("dc", DC, "type", r.scope().code());
        if (set != ElementSet.BRIEF) {
            r.subjects().forEach(s -> x.element("dc", DC, "subject", s));
            if (r.service() == null) {
                for (MetadataRecord.OnlineLink l : r.links()) {
                    if (l.name() != null && l.protocol().startsWith("OGC:")) {
                        x.element("dc", DC, "relation", l.protocol());
                    }
                }
            }
            x.element("dct", DCT, "modified", r.dateStamp().toString());
            x.element("dct", DCT, "abstract", r.abstractText());
        }
        if (set == ElementSet.FULL) {
            x.element("dc", DC, "language", r.metadata().language());
            x.element("dc", DC, "publisher", r.contact().organisation());
            x.element("dc", DC, "rights", r.metadata().licence());
            x.element("dct", DCT, "accessRights", r.metadata().accessConstraints());
            if (r.time() != null) {
                x.element("dct", DCT, "temporal", r.time().begin().toLocalDate() + "/" + r.time().end().toLocalDate());
            }
            for (MetadataRecord.OnlineLink l : r.links()) {
                x.start("dct", DCT, "references").attribute("scheme", l.protocol()).text(l.url()).end();
            }
        }
        Envelope e = r.wgs84();
        if (e != null) {
            // in EPSG:4326's own axis order (latitude first), which GDAL's CSW driver reads, and in WGS 84 lon/lat
            x.start("ows", OWS, "BoundingBox").attribute("crs", "urn:ogc:def:crs:EPSG::4326");
            x.element("ows", OWS, "LowerCorner", e.getMinY() + " " + e.getMinX());
            x.element("ows", OWS, "UpperCorner", e.getMaxY() + " " + e.getMaxX());
            x.end();
            x.start("ows", OWS, "WGS84BoundingBox");
            x.element("ows", OWS, "LowerCorner", e.getMinX() + " " + e.getMinY());
            x.element("ows", OWS, "UpperCorner", e.getMaxX() + " " + e.getMaxY());
            x.end();
        }
        x.end();
    }
}
