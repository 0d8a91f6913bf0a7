package fr.yseraa.observatory.csw.request;

import fr.yseraa.observatory.core.ows.MetadataRecordLinks;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.csw.record.DublinCoreWriter;
import java.util.Optional;

/** The schema records are written in: CSW's Dublin Core record, or ISO 19139. */
public enum OutputSchema {
    DUBLIN_CORE(DublinCoreWriter.CSW), ISO(MetadataRecordLinks.GMD);

    private final String uri;

    OutputSchema(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    /** The schema an outputSchema value names; Dublin Core when absent. */
    public static OutputSchema of(Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank()) {
            return DUBLIN_CORE;
        }
        for (OutputSchema s : values()) {
            if (s.uri.equals(value.get().trim())) {
                return s;
            }
        }
        throw OwsException.invalidParameter("outputSchema", "outputSchema is " + DUBLIN_CORE.uri + " or " + ISO.uri
                + ", not " + value.get());
    }
}
