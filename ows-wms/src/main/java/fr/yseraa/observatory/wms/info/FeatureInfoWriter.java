package fr.yseraa.observatory.wms.info;

import fr.yseraa.observatory.core.crs.CrsName;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Encodes what GetFeatureInfo found, layer by layer; geometries are in the map's CRS. */
public interface FeatureInfoWriter {

    void write(List<LayerFeatures> found, CrsName crs, OutputStream out) throws IOException;
}
