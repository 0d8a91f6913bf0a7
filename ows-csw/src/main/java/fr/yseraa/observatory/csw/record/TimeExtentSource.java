package fr.yseraa.observatory.csw.record;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import java.util.Optional;

/** The time extent of what a caller sees of a layer with a time column (the WMS's, shared through the server). */
@FunctionalInterface
public interface TimeExtentSource {

    Optional<MetadataRecord.TimeRange> of(Catalog catalog, LayerInfo layer, Caller caller);
}
