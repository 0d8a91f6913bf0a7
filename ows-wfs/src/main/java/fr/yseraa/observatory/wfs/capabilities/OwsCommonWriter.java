package fr.yseraa.observatory.wfs.capabilities;

import fr.yseraa.observatory.core.catalog.ServiceMetadata;
import fr.yseraa.observatory.wfs.WfsVersion;
import fr.yseraa.observatory.wfs.XmlOutput;
import java.util.List;

/**
 * The OWS Common parts of a capabilities document: service identification and provider, operations with their
 * parameters and constraints. OWS 1.1 for WFS 2.0.0, OWS 1.0 for WFS 1.1.0 (which lists values bare).
 */
final class OwsCommonWriter {

    private final XmlOutput x;
    private final WfsVersion version;
    private final String ows;

    OwsCommonWriter(XmlOutput x, WfsVersion version) {
        this.x = x;
        this.version = version;
        this.ows = version.owsNamespace();
    }

    void serviceIdentification(ServiceMetadata s) {
        x.start("ows", ows, "ServiceIdentification");
        x.element("ows", ows, "Title", s.title());
        x.element("ows", ows, "Abstract", s.abstractText());
        keywords(s.keywords());
        x.element("ows", ows, "ServiceType", "WFS");
        if (version.isV2()) {
            x.element("ows", ows, "ServiceTypeVersion", "2.0.0");
            x.element("ows", ows, "ServiceTypeVersion", "1.1.0");
        } else {
            x.element("ows", ows, "ServiceTypeVersion", "1.1.0");
        }
        x.element("ows", ows, "Fees", s.fees());
        x.element("ows", ows, "AccessConstraints", s.accessConstraints());
        x.end();
    }

    void keywords(List<String> keywords) {
        if (keywords == null || keywords.isEmpty()) {
            return;
        }
        x.start("ows", ows, "Keywords");
        keywords.forEach(k -> x.element("ows", ows, "Keyword", k));
        x.end();
    }

    void serviceProvider(ServiceMetadata s) {
        ServiceMetadata.Contact c = s.contact();
        x.start("ows", ows, "ServiceProvider");
        x.element("ows", ows, "ProviderName", c.organisation() != null ? c.organisation() : s.title());
        if (c.url() != null) {
            x.empty("ows", ows, "ProviderSite").attribute("xlink", WfsVersion.XLINK, "href", c.url());
        }
        x.start("ows", ows, "ServiceContact");
        x.element("ows", ows, "IndividualName", c.person());
        x.element("ows", ows, "PositionName", c.position());
        x.start("ows", ows, "ContactInfo");
        if (c.phone() != null) {
            x.start("ows", ows, "Phone").element("ows", ows, "Voice", c.phone()).end();
        }
        x.start("ows", ows, "Address");
        x.element("ows", ows, "DeliveryPoint", c.address());
        x.element("ows", ows, "City", c.city());
        x.element("ows", ows, "PostalCode", c.postCode());
        x.element("ows", ows, "Country", c.country());
        x.element("ows", ows, "ElectronicMailAddress", c.email());
        x.end();
        if (c.url() != null) {
            x.empty("ows", ows, "OnlineResource").attribute("xlink", WfsVersion.XLINK, "href", c.url());
        }
        x.end();
        x.end();
        x.end();
    }

    /** Starts an operation with its GET and POST endpoints; close it with {@link #endOperation()}. */
    void startOperation(String name, String url) {
        x.start("ows", ows, "Operation").attribute("name", name);
        x.start("ows", ows, "DCP").start("ows", ows, "HTTP");
        x.empty("ows", ows, "Get").attribute("xlink", WfsVersion.XLINK, "href", url);
        x.empty("ows", ows, "Post").attribute("xlink", WfsVersion.XLINK, "href", url);
        x.end().end();
    }

    void endOperation() {
        x.end();
    }

    /** A parameter with the values allowed. */
    void parameter(String name, List<String> values) {
        domain("Parameter", name, values);
    }

    /** A constraint with the values allowed. */
    void constraint(String name, List<String> values) {
        domain("Constraint", name, values);
    }

    private void domain(String element, String name, List<String> values) {
        x.start("ows", ows, element).attribute("name", name);
        if (version.isV2()) {
            x.start("ows", ows, "AllowedValues");
            values.forEach(v -> x.element("ows", ows, "Value", v));
            x.end();
        } else {
            values.forEach(v -> x.element("ows", ows, "Value", v));
        }
        x.end();
    }

    /** A constraint with a single default value (OWS 1.1: NoValues + DefaultValue; OWS 1.0: one Value). */
    void defaultConstraint(String element, String prefix, String namespace, String name, String value) {
        x.start(prefix, namespace, element).attribute("name", name);
        if (version.isV2()) {
            x.empty("ows", ows, "NoValues");
            x.element("ows", ows, "DefaultValue", value);
        } else {
            x.element("ows", ows, "Value", value);
        }
        x.end();
    }
}
