package fr.yseraa.observatory.core.catalog;

import java.util.List;

/**
 * What every capabilities document says of the service provider ({@code data-dir/service.yaml}): title, abstract,
 * keywords, fees, access constraints and the contact, as OWS Common and WMS name them; the defaults of the
 * metadata records ({@code metadata:}), with the services' record identifiers; and the limits of one request.
 */
public record ServiceMetadata(String title, String abstractText, List<String> keywords, String fees,
                              String accessConstraints, Contact contact, ResourceMetadata metadata,
                              Limits limits) {

    /**
     * How much one request may ask for ({@code limits:} in {@code service.yaml}).
     *
     * @param layersPerMap layers in one WMS GetMap (the WMS 1.3.0 capabilities' {@code LayerLimit})
     * @param typeNamesPerQuery feature types in one WFS GetFeature (all its queries)
     */
    public record Limits(int layersPerMap, int typeNamesPerQuery) {

        public static final Limits DEFAULTS = new Limits(20, 10);
    }

    /** The service provider's contact. */
    public record Contact(String organisation, String person, String position, String email, String phone,
                          String address, String city, String postCode, String country, String url) {
    }

    /** What a data directory without {@code service.yaml} advertises. */
    public static ServiceMetadata defaults() {
        return new ServiceMetadata("Observatory OWS", null, List.of(), "none", "none",
                new Contact(null, null, null, null, null, null, null, null, null, null), ResourceMetadata.none(),
                Limits.DEFAULTS);
    }
}
