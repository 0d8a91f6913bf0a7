package fr.yseraa.observatory.core.catalog;

import java.util.List;

/**
 * What every capabilities document says of the service provider ({@code data-dir/service.yaml}): title, abstract,
 * keywords, fees, access constraints and the contact, as OWS Common and WMS name them; and the defaults of the
 * metadata records ({@code metadata:}), with the services' record identifiers.
 */
public record ServiceMetadata(String title, String abstractText, List<String> keywords, String fees,
                              String accessConstraints, Contact contact, ResourceMetadata metadata) {

    /** The service provider's contact. */
    public record Contact(String organisation, String person, String position, String email, String phone,
                          String address, String city, String postCode, String country, String url) {
    }

    /** What a data directory without {@code service.yaml} advertises. */
    public static ServiceMetadata defaults() {
        return new ServiceMetadata("Observatory OWS", null, List.of(), "none", "none",
                new Contact(null, null, null, null, null, null, null, null, null, null), ResourceMetadata.none());
    }
}
