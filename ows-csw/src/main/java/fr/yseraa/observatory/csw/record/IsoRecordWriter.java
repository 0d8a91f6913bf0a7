package fr.yseraa.observatory.csw.record;

import fr.yseraa.observatory.core.catalog.ResourceMetadata;
import fr.yseraa.observatory.core.catalog.ServiceMetadata;
import fr.yseraa.observatory.core.ows.MetadataRecordLinks;
import fr.yseraa.observatory.core.xml.XmlWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * Writes a record as an ISO 19139 {@code gmd:MD_Metadata} (ISO 19115 content, with what INSPIRE and the CNIG guide
 * expect: language, scope, contacts, reference date, resource identifier, keywords and INSPIRE themes, topic
 * categories, extents, reference systems, lineage, conformity, constraints, distribution links); a service with
 * {@code srv:SV_ServiceIdentification}, its operations and the datasets it operates on. Valid against the ISO 19139
 * schemas of 2007-04-17, with srv's of 2006-05-04 (the only srv schema published beside them).
 */
public final class IsoRecordWriter {

    public static final String GMD = MetadataRecordLinks.GMD;
    public static final String GCO = "http://www.isotc211.org/2005/gco";
    public static final String SRV = "http://www.isotc211.org/2005/srv";
    public static final String GML = "http://www.opengis.net/gml/3.2";
    public static final String XLINK = "http://www.w3.org/1999/xlink";
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String GMD_SCHEMA = "http://schemas.opengis.net/iso/19139/20070417/gmd/gmd.xsd";
    public static final String SRV_SCHEMA = "http://schemas.opengis.net/iso/19139/20060504/srv/srv.xsd";
    private static final String CODELISTS = "http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#";
    private static final String INSPIRE_THEMES = "GEMET - INSPIRE themes, version 1.0";
    private static final LocalDate INSPIRE_THEMES_DATE = LocalDate.of(2008, 6, 1);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    private final XmlWriter x;
    private final String rootUrl;

    /** @param rootUrl the server's root URL, for the links to other records */
    public IsoRecordWriter(XmlWriter x, String rootUrl) {
        this.x = x;
        this.rootUrl = rootUrl;
    }

    /**
     * Writes the record; {@code brief} and {@code summary} keep the parts CSW's ISO profile keeps in those element
     * sets (identification, extent, links), {@code full} everything.
     *
     * @param standalone whether the record is a document of its own (it then names its schemas)
     */
    public void write(MetadataRecord r, ElementSet set, boolean standalone) {
        boolean service = r.service() != null;
        x.start("gmd", GMD, "MD_Metadata").namespace("gmd", GMD).namespace("gco", GCO).namespace("gml", GML)
                .namespace("xlink", XLINK);
        if (service) {
            x.namespace("srv", SRV);
        }
        if (standalone) {
            x.namespace("xsi", XSI).attribute("xsi", XSI, "schemaLocation",
                    GMD + " " + GMD_SCHEMA + (service ? " " + SRV + " " + SRV_SCHEMA : ""));
        }
        characterString("fileIdentifier", r.identifier());
        if (set != ElementSet.BRIEF) {
            language(r.metadata().language());
            code("characterSet", "MD_CharacterSetCode", "utf8");
        }
        code("hierarchyLevel", "MD_ScopeCode", r.scope().code());
        if (service) {
            characterString("hierarchyLevelName", "service");
        }
        responsibleParty("contact", r.contact(), "pointOfContact");
        x.start("gmd", GMD, "dateStamp").element("gco", GCO, "Date", r.dateStamp().toString()).end();
        if (set == ElementSet.FULL) {
            characterString("metadataStandardName", "ISO 19115:2003/19139");
            characterString("metadataStandardVersion", "1.0");
            for (int srid : r.crs()) {
                referenceSystem(srid);
            }
        }
        x.start("gmd", GMD, "identificationInfo");
        if (service) {
            x.start("srv", SRV, "SV_ServiceIdentification");
        } else {
            x.start("gmd", GMD, "MD_DataIdentification");
        }
        identification(r, set);
        x.end().end();
        if (set != ElementSet.BRIEF) {
            distribution(r);
        }
        if (set == ElementSet.FULL) {
            dataQuality(r);
        }
        x.end();
    }

    private void identification(MetadataRecord r, ElementSet set) {
        ResourceMetadata m = r.metadata();
        x.start("gmd", GMD, "citation").start("gmd", GMD, "CI_Citation");
        characterString("title", r.title());
        if (m.dates().isEmpty()) {
            x.empty("gmd", GMD, "date").attribute("gco", GCO, "nilReason", "missing");
        }
        for (String type : List.of("creation", "publication", "revision")) {
            LocalDate d = m.dates().get(type);
            if (d != null) {
                x.start("gmd", GMD, "date").start("gmd", GMD, "CI_Date");
                x.start("gmd", GMD, "date").element("gco", GCO, "Date", d.toString()).end();
                code("dateType", "CI_DateTypeCode", type);
                x.end().end();
            }
        }
        if (r.resourceCode() != null) {
            x.start("gmd", GMD, "identifier").start("gmd", GMD, "MD_Identifier");
            characterString("code", r.resourceCode());
            x.end().end();
        }
        x.end().end();
        characterString("abstract", r.abstractText());
        if (set == ElementSet.BRIEF) {
            serviceParts(r, set);
            return;
        }
        responsibleParty("pointOfContact", r.contact(), "pointOfContact");
        if (m.updateFrequency() != null) {
            x.start("gmd", GMD, "resourceMaintenance").start("gmd", GMD, "MD_MaintenanceInformation");
            code("maintenanceAndUpdateFrequency", "MD_MaintenanceFrequencyCode", m.updateFrequency());
            x.end().end();
        }
        keywords(r.keywords(), null);
        keywords(m.inspireThemes(), INSPIRE_THEMES);
        if (r.service() != null) {
            keywords(List.of(r.service().classification()), null);
        }
        constraints(m);
        if (r.service() != null) {
            serviceParts(r, set);
            return;
        }
        code("spatialRepresentationType", "MD_SpatialRepresentationTypeCode", "vector");
        if (m.scaleDenominator() != null) {
            x.start("gmd", GMD, "spatialResolution").start("gmd", GMD, "MD_Resolution");
            x.start("gmd", GMD, "equivalentScale").start("gmd", GMD, "MD_RepresentativeFraction");
            x.start("gmd", GMD, "denominator").element("gco", GCO, "Integer", m.scaleDenominator().toString()).end();
            x.end().end().end().end();
        }
        language(m.language());
        code("characterSet", "MD_CharacterSetCode", "utf8");
        for (String topic : m.topicCategories()) {
            x.start("gmd", GMD, "topicCategory").element("gmd", GMD, "MD_TopicCategoryCode", topic).end();
        }
        extent(r);
    }

    /** What a service identification adds, in the order of srv:SV_ServiceIdentification. */
    private void serviceParts(MetadataRecord r, ElementSet set) {
        MetadataRecord.ServiceInfo s = r.service();
        if (s == null) {
            if (set == ElementSet.BRIEF) {
                language(r.metadata().language());
                extent(r);
            }
            return;
        }
        x.start("srv", SRV, "serviceType").element("gco", GCO, "LocalName", s.type()).end();
        x.start("srv", SRV, "serviceTypeVersion").element("gco", GCO, "CharacterString", s.version()).end();
        if (r.wgs84() != null) {
            x.start("srv", SRV, "extent");
            extentContent(r);
            x.end();
        }
        if (set == ElementSet.FULL) {
            for (MetadataRecord d : s.operatesOn()) {
                x.start("srv", SRV, "coupledResource").start("srv", SRV, "SV_CoupledResource");
                x.start("srv", SRV, "operationName").element("gco", GCO, "CharacterString",
                        s.operations().get(s.operations().size() - 1).name()).end();
                x.start("srv", SRV, "identifier").element("gco", GCO, "CharacterString", d.identifier()).end();
                x.element("gco", GCO, "ScopedName", d.links().stream().map(MetadataRecord.OnlineLink::name)
                        .filter(n -> n != null).findFirst().orElse(d.title()));
                x.end().end();
            }
        }
        x.start("srv", SRV, "couplingType");
        x.start("srv", SRV, "SV_CouplingType").attribute("codeList", CODELISTS + "SV_CouplingType")
                .attribute("codeListValue", "tight").text("tight").end();
        x.end();
        for (MetadataRecord.OnlineLink op : s.operations()) {
            x.start("srv", SRV, "containsOperations").start("srv", SRV, "SV_OperationMetadata");
            x.start("srv", SRV, "operationName").element("gco", GCO, "CharacterString", op.name()).end();
            x.start("srv", SRV, "DCP");
            x.start("srv", SRV, "DCPList").attribute("codeList", CODELISTS + "DCPList")
                    .attribute("codeListValue", "WebServices").text("WebServices").end();
            x.end();
            x.start("srv", SRV, "connectPoint");
            onlineResource(new MetadataRecord.OnlineLink(op.url(), op.protocol(), null, null));
            x.end();
            x.end().end();
        }
        for (MetadataRecord d : s.operatesOn()) {
            x.empty("srv", SRV, "operatesOn").attribute("uuidref", d.identifier())
                    .attribute("xlink", XLINK, "href", MetadataRecordLinks.fromRoot(rootUrl, d.identifier()));
        }
    }

    private void extent(MetadataRecord r) {
        if (r.wgs84() == null && r.time() == null) {
            return;
        }
        x.start("gmd", GMD, "extent");
        extentContent(r);
        x.end();
    }

    private void extentContent(MetadataRecord r) {
        x.start("gmd", GMD, "EX_Extent");
        Envelope e = r.wgs84();
        if (e != null) {
            x.start("gmd", GMD, "geographicElement").start("gmd", GMD, "EX_GeographicBoundingBox");
            decimal("westBoundLongitude", e.getMinX());
            decimal("eastBoundLongitude", e.getMaxX());
            decimal("southBoundLatitude", e.getMinY());
            decimal("northBoundLatitude", e.getMaxY());
            x.end().end();
        }
        MetadataRecord.TimeRange t = r.time();
        if (t != null) {
            x.start("gmd", GMD, "temporalElement").start("gmd", GMD, "EX_TemporalExtent").start("gmd", GMD, "extent");
            x.start("gml", GML, "TimePeriod").attribute("gml:id", "extent-" + r.identifier());
            boolean dates = t.begin().toLocalTime().equals(LocalTime.MIDNIGHT)
                    && t.end().toLocalTime().equals(LocalTime.MIDNIGHT);
            x.element("gml", GML, "beginPosition", instant(t.begin(), dates));
            x.element("gml", GML, "endPosition", instant(t.end(), dates));
            x.end().end().end().end();
        }
        x.end();
    }

    /** Dates when both ends fall at midnight (date columns), else date-times in UTC, as the WMS writes them. */
    private static String instant(LocalDateTime t, boolean date) {
        return date ? t.toLocalDate().toString() : DATE_TIME.format(t);
    }

    private void constraints(ResourceMetadata m) {
        if (m.useConstraints() != null) {
            x.start("gmd", GMD, "resourceConstraints").start("gmd", GMD, "MD_Constraints");
            characterString("useLimitation", m.useConstraints());
            x.end().end();
        }
        if (m.accessConstraints() != null) {
            legalConstraints("accessConstraints", m.accessConstraints());
        }
        if (m.licence() != null) {
            legalConstraints("useConstraints", m.licence());
        }
    }

    private void legalConstraints(String kind, String text) {
        x.start("gmd", GMD, "resourceConstraints").start("gmd", GMD, "MD_LegalConstraints");
        code(kind, "MD_RestrictionCode", "otherRestrictions");
        characterString("otherConstraints", text);
        x.end().end();
    }

    private void distribution(MetadataRecord r) {
        if (r.links().isEmpty()) {
            return;
        }
        x.start("gmd", GMD, "distributionInfo").start("gmd", GMD, "MD_Distribution");
        x.start("gmd", GMD, "transferOptions").start("gmd", GMD, "MD_DigitalTransferOptions");
        for (MetadataRecord.OnlineLink link : r.links()) {
            x.start("gmd", GMD, "onLine");
            onlineResource(link);
            x.end();
        }
        x.end().end().end().end();
    }

    private void dataQuality(MetadataRecord r) {
        ResourceMetadata m = r.metadata();
        x.start("gmd", GMD, "dataQualityInfo").start("gmd", GMD, "DQ_DataQuality");
        x.start("gmd", GMD, "scope").start("gmd", GMD, "DQ_Scope");
        code("level", "MD_ScopeCode", r.scope().code());
        x.end().end();
        // the declared conformity is the datasets' (INSPIRE's data specifications); services are not evaluated here
        List<ResourceMetadata.Conformity> conformity = r.service() == null ? m.conformity() : List.of();
        for (ResourceMetadata.Conformity c : conformity) {
            x.start("gmd", GMD, "report").start("gmd", GMD, "DQ_DomainConsistency");
            x.start("gmd", GMD, "result").start("gmd", GMD, "DQ_ConformanceResult");
            x.start("gmd", GMD, "specification").start("gmd", GMD, "CI_Citation");
            characterString("title", c.specification());
            citationDate(c.date(), "publication");
            x.end().end();
            characterString("explanation", c.pass() == null ? "Non évalué" : "Voir la spécification référencée");
            if (c.pass() == null) {
                x.empty("gmd", GMD, "pass").attribute("gco", GCO, "nilReason", "unknown");
            } else {
                x.start("gmd", GMD, "pass").element("gco", GCO, "Boolean", c.pass().toString()).end();
            }
            x.end().end().end().end();
        }
        if (r.service() == null && m.lineage() != null) {
            x.start("gmd", GMD, "lineage").start("gmd", GMD, "LI_Lineage");
            characterString("statement", m.lineage());
            x.end().end();
        }
        x.end().end();
    }

    private void citationDate(LocalDate date, String type) {
        x.start("gmd", GMD, "date").start("gmd", GMD, "CI_Date");
        x.start("gmd", GMD, "date").element("gco", GCO, "Date", date.toString()).end();
        code("dateType", "CI_DateTypeCode", type);
        x.end().end();
    }

    private void keywords(List<String> keywords, String thesaurus) {
        if (keywords.isEmpty()) {
            return;
        }
        x.start("gmd", GMD, "descriptiveKeywords").start("gmd", GMD, "MD_Keywords");
        keywords.forEach(k -> characterString("keyword", k));
        if (thesaurus != null) {
            x.start("gmd", GMD, "thesaurusName").start("gmd", GMD, "CI_Citation");
            characterString("title", thesaurus);
            citationDate(INSPIRE_THEMES_DATE, "publication");
            x.end().end();
        }
        x.end().end();
    }

    private void referenceSystem(int srid) {
        x.start("gmd", GMD, "referenceSystemInfo").start("gmd", GMD, "MD_ReferenceSystem");
        x.start("gmd", GMD, "referenceSystemIdentifier").start("gmd", GMD, "RS_Identifier");
        characterString("code", "http://www.opengis.net/def/crs/EPSG/0/" + srid);
        characterString("codeSpace", "EPSG");
        x.end().end().end().end();
    }

    private void responsibleParty(String element, ServiceMetadata.Contact c, String role) {
        x.start("gmd", GMD, element).start("gmd", GMD, "CI_ResponsibleParty");
        optionalString("individualName", c.person());
        optionalString("organisationName", c.organisation());
        optionalString("positionName", c.position());
        x.start("gmd", GMD, "contactInfo").start("gmd", GMD, "CI_Contact");
        if (c.phone() != null) {
            x.start("gmd", GMD, "phone").start("gmd", GMD, "CI_Telephone");
            characterString("voice", c.phone());
            x.end().end();
        }
        x.start("gmd", GMD, "address").start("gmd", GMD, "CI_Address");
        optionalString("deliveryPoint", c.address());
        optionalString("city", c.city());
        optionalString("postalCode", c.postCode());
        optionalString("country", c.country());
        optionalString("electronicMailAddress", c.email());
        x.end().end();
        if (c.url() != null) {
            x.start("gmd", GMD, "onlineResource");
            onlineResource(new MetadataRecord.OnlineLink(c.url(), "WWW:LINK", null, null));
            x.end();
        }
        x.end().end();
        code("role", "CI_RoleCode", role);
        x.end().end();
    }

    private void onlineResource(MetadataRecord.OnlineLink link) {
        x.start("gmd", GMD, "CI_OnlineResource");
        x.start("gmd", GMD, "linkage").element("gmd", GMD, "URL", link.url()).end();
        optionalString("protocol", link.protocol());
        optionalString("name", link.name());
        optionalString("description", link.description());
        x.end();
    }

    private void language(String code) {
        if (code == null) {
            x.empty("gmd", GMD, "language").attribute("gco", GCO, "nilReason", "unknown");
            return;
        }
        x.start("gmd", GMD, "language");
        x.start("gmd", GMD, "LanguageCode").attribute("codeList", "http://www.loc.gov/standards/iso639-2/")
                .attribute("codeListValue", code).text(code).end();
        x.end();
    }

    private void code(String element, String codeList, String value) {
        x.start("gmd", GMD, element);
        x.start("gmd", GMD, codeList).attribute("codeList", CODELISTS + codeList).attribute("codeListValue", value)
                .text(value).end();
        x.end();
    }

    private void decimal(String element, double value) {
        x.start("gmd", GMD, element).element("gco", GCO, "Decimal", BigDecimal.valueOf(value).toPlainString()).end();
    }

    /** A mandatory text: missing when null. */
    private void characterString(String element, String text) {
        if (text == null) {
            x.empty("gmd", GMD, element).attribute("gco", GCO, "nilReason", "missing");
        } else {
            x.start("gmd", GMD, element).element("gco", GCO, "CharacterString", text).end();
        }
    }

    private void optionalString(String element, String text) {
        if (text != null) {
            characterString(element, text);
        }
    }
}
