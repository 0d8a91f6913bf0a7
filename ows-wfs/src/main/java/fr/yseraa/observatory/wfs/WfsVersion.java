package fr.yseraa.observatory.wfs;

import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.ows.OwsException;
import java.util.Arrays;

/** The WFS versions served, with the namespaces and schemas each one speaks. */
public enum WfsVersion {
    V2_0_0("2.0.0", "http://www.opengis.net/wfs/2.0", "http://schemas.opengis.net/wfs/2.0/wfs.xsd",
            "http://www.opengis.net/ows/1.1", "http://www.opengis.net/gml/3.2",
            "http://schemas.opengis.net/gml/3.2.1/gml.xsd", "typeNames"),
    V1_1_0("1.1.0", "http://www.opengis.net/wfs", "http://schemas.opengis.net/wfs/1.1.0/wfs.xsd",
            "http://www.opengis.net/ows", "http://www.opengis.net/gml",
            "http://schemas.opengis.net/gml/3.1.1/base/gml.xsd", "typeName");

    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String XLINK = "http://www.w3.org/1999/xlink";

    private final String number;
    private final String wfsNamespace;
    private final String wfsSchema;
    private final String owsNamespace;
    private final String gmlNamespace;
    private final String gmlSchema;
    private final String typeNamesParameter;

    WfsVersion(String number, String wfsNamespace, String wfsSchema, String owsNamespace, String gmlNamespace,
               String gmlSchema, String typeNamesParameter) {
        this.number = number;
        this.wfsNamespace = wfsNamespace;
        this.wfsSchema = wfsSchema;
        this.owsNamespace = owsNamespace;
        this.gmlNamespace = gmlNamespace;
        this.gmlSchema = gmlSchema;
        this.typeNamesParameter = typeNamesParameter;
    }

    /** The version a request names; the newest when it names none. */
    public static WfsVersion of(String number) {
        if (number == null) {
            return V2_0_0;
        }
        return Arrays.stream(values()).filter(v -> v.number.equals(number)).findFirst()
                .orElseThrow(() -> OwsException.invalidParameter("version", "WFS version " + number
                        + " is not supported; supported: 2.0.0, 1.1.0"));
    }

    public String number() {
        return number;
    }

    public String wfsNamespace() {
        return wfsNamespace;
    }

    public String wfsSchema() {
        return wfsSchema;
    }

    public String owsNamespace() {
        return owsNamespace;
    }

    public String gmlNamespace() {
        return gmlNamespace;
    }

    public String gmlSchema() {
        return gmlSchema;
    }

    /** The KVP name of the type-names parameter: TYPENAMES in 2.0, TYPENAME in 1.1. */
    public String typeNamesParameter() {
        return typeNamesParameter;
    }

    /** The official name this version advertises and writes by default for an EPSG CRS, in EPSG axis order. */
    public CrsName crsName(int srid) {
        return isV2() ? CrsName.urn(srid) : new CrsName("urn:x-ogc:def:crs:EPSG:" + srid, srid, CrsName.Notation.URN);
    }

    public boolean isV2() {
        return this == V2_0_0;
    }
}
