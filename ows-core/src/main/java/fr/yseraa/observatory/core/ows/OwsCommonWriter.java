package fr.yseraa.observatory.core.ows;

import fr.yseraa.observatory.core.catalog.ServiceMetadata;
import fr.yseraa.observatory.core.xml.XmlWriter;
import java.util.List;

/**
 * The OWS Common parts of every capabilities document (WFS, WMTS, WPS): service identification and provider from
 * the catalog's {@link ServiceMetadata}, operations with their HTTP endpoints, parameters and constraints. OWS 1.1
 * (WFS 2.0.0, WMTS 1.0.0, WPS 1.0.0) lists allowed values in {@code AllowedValues}; OWS 1.0 (WFS 1.1.0) lists them
 * bare. The {@code ows} and {@code xlink} prefixes are declared by the document's root element.
 */
public final class OwsCommonWriter {

    public static final String OWS_1_1 = "http://www.opengis.net/ows/1.1";
    public static final String OWS_1_0 = "http://www.opengis.net/ows";
    public static final String XLINK = "http://www.w3.org/1999/xlink";

    /**
     * One HTTP endpoint of an operation.
     *
     * @param method {@code Get} or {@code Post}
     * @param getEncoding the encoding the endpoint takes (OWS 1.1 {@code GetEncoding} constraint: KVP, RESTful...),
     *                    or null when it says none
     */
    public record Endpoint(String method, String href, String getEncoding) {

        public static Endpoint get(String href) {
            return new Endpoint("Get", href, null);
        }

        public static Endpoint get(String href, String encoding) {
            return new Endpoint("Get", href, encoding);
        }

        public static Endpoint post(String href) {
            return new Endpoint("Post", href, null);
        }
    }

    private final XmlWriter x;
    private final String ows;
    private final boolean owsV11;

    /** @param owsNamespace {@link #OWS_1_1} or {@link #OWS_1_0} */
    public OwsCommonWriter(XmlWriter x, String owsNamespace) {
        if (!OWS_1_1.equals(owsNamespace) && !OWS_1_0.equals(owsNamespace)) {
            throw new IllegalArgumentException("not an OWS Common namespace: " + owsNamespace);
        }
        this.x = x;
        this.ows = owsNamespace;
        this.owsV11 = OWS_1_1.equals(owsNamespace);
    }

    /**
     * @param serviceType the ServiceType the standard gives (WFS, OGC WMTS, WPS)
     * @param versions    the ServiceTypeVersion values, newest first
     */
    public void serviceIdentification(ServiceMetadata s, String serviceType, List<String> versions) {
        x.start("ows", ows, "ServiceIdentification");
        element("Title", s.title());
        element("Abstract", s.abstractText());
        keywords(s.keywords());
        element("ServiceType", serviceType);
        versions.forEach(v -> element("ServiceTypeVersion", v));
        element("Fees", s.fees());
        element("AccessConstraints", s.accessConstraints());
        x.end();
    }

    /** {@code ows:Keywords}, nothing when there are none (services and layers). */
    public void keywords(List<String> keywords) {
        if (keywords == null || keywords.isEmpty()) {
            return;
        }
        x.start("ows", ows, "Keywords");
        keywords.forEach(k -> element("Keyword", k));
        x.end();
    }

    /** The provider: its organisation, else the service's title, as ProviderName (which the schema requires). */
    public void serviceProvider(ServiceMetadata s) {
        ServiceMetadata.Contact c = s.contact();
        x.start("ows", ows, "ServiceProvider");
        element("ProviderName", c.organisation() != null ? c.organisation() : s.title());
        if (c.url() != null) {
            x.empty("ows", ows, "ProviderSite").attribute("xlink", XLINK, "href", c.url());
        }
        x.start("ows", ows, "ServiceContact");
        element("IndividualName", c.person());
        element("PositionName", c.position());
        x.start("ows", ows, "ContactInfo");
        if (c.phone() != null) {
            x.start("ows", ows, "Phone");
            element("Voice", c.phone());
            x.end();
        }
        x.start("ows", ows, "Address");
        element("DeliveryPoint", c.address());
        element("City", c.city());
        element("PostalCode", c.postCode());
        element("Country", c.country());
        element("ElectronicMailAddress", c.email());
        x.end();
        if (c.url() != null) {
            x.empty("ows", ows, "OnlineResource").attribute("xlink", XLINK, "href", c.url());
        }
        x.end();
        x.end();
        x.end();
    }

    /** Starts {@code ows:OperationsMetadata}; close it with {@link #endOperationsMetadata()}. */
    public void startOperationsMetadata() {
        x.start("ows", ows, "OperationsMetadata");
    }

    public void endOperationsMetadata() {
        x.end();
    }

    /** An operation with its endpoints and nothing more. */
    public void operation(String name, List<Endpoint> endpoints) {
        startOperation(name, endpoints);
        endOperation();
    }

    /** Starts an operation with its HTTP endpoints; add its parameters and constraints, then {@link #endOperation()}. */
    public void startOperation(String name, List<Endpoint> endpoints) {
        x.start("ows", ows, "Operation").attribute("name", name);
        x.start("ows", ows, "DCP").start("ows", ows, "HTTP");
        for (Endpoint e : endpoints) {
            if (e.getEncoding() == null) {
                x.empty("ows", ows, e.method()).attribute("xlink", XLINK, "href", e.href());
            } else {
                x.start("ows", ows, e.method()).attribute("xlink", XLINK, "href", e.href());
                constraint("GetEncoding", List.of(e.getEncoding()));
                x.end();
            }
        }
        x.end().end();
    }

    public void endOperation() {
        x.end();
    }

    /** A parameter with the values allowed. */
    public void parameter(String name, List<String> values) {
        domain("Parameter", name, values);
    }

    /** A constraint with the values allowed. */
    public void constraint(String name, List<String> values) {
        domain("Constraint", name, values);
    }

    /** A constraint with a single default value (OWS 1.1: NoValues + DefaultValue; OWS 1.0: one Value). */
    public void defaultConstraint(String name, String value) {
        x.start("ows", ows, "Constraint").attribute("name", name);
        if (owsV11) {
            x.empty("ows", ows, "NoValues");
            element("DefaultValue", value);
        } else {
            element("Value", value);
        }
        x.end();
    }

    private void domain(String element, String name, List<String> values) {
        x.start("ows", ows, element).attribute("name", name);
        if (owsV11) {
            x.start("ows", ows, "AllowedValues");
            values.forEach(v -> element("Value", v));
            x.end();
        } else {
            values.forEach(v -> element("Value", v));
        }
        x.end();
    }

    private void element(String local, String text) {
        x.elementUnlessBlank("ows", ows, local, text);
    }
}
